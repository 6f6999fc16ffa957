import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { providers } from '../../preload/contract';
import { ConfigError } from './config-error';
import { readPilotKeys, type PilotKeys } from './pilot-keys';

export { ConfigError };

/** A number the team answers, as the config file names it. */
const numberSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'number ids are 1-40 lowercase letters, digits, "-" or "_"'),
    label: z.string().trim().min(1).max(60),
    provider: z.enum(providers),
    /** Pilot Status address for this number, when it is not the team's. */
    baseUrl: z.string().url().optional(),
  })
  .strict();

const fileSchema = z
  .object({
    team: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'team is 1-40 lowercase letters, digits, "-" or "_"'),
    listen: z.object({ host: z.string().min(1).default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8443) }).strict().default({ host: '127.0.0.1', port: 8443 }),
    tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict().optional(),
    pilotBaseUrl: z.string().url().default('https://pilotstatus.com.br'),
    numbers: z.array(numberSchema).min(1),
    poll: z
      .object({
        enabled: z.boolean().default(true),
        /** Period while nothing rings or is live on the number. */
        intervalMs: z.number().int().min(100).max(60_000).default(1000),
        /** Period while a call rings or is live. */
        activeIntervalMs: z.number().int().min(50).max(60_000).default(500),
      })
      .strict()
      .default({ enabled: true, intervalMs: 1000, activeIntervalMs: 500 }),
    /** Stream entries older than this are trimmed; an agent away longer gets a fresh snapshot instead. */
    streamRetentionMinutes: z.number().int().min(1).max(7 * 24 * 60).default(6 * 60),
    redisUrl: z.string().optional(),
    databaseUrl: z.string().optional(),
    pilotKeysFile: z.string().optional(),
    /** A dead instance's history entries not yet in PostgreSQL are taken over by another after this long. */
    historyClaimIdleMs: z.number().int().min(100).max(600_000).default(5000),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  })
  .strict()
  .refine((c) => new Set(c.numbers.map((n) => n.id)).size === c.numbers.length, 'number ids must be unique');

export type TeamNumberConfig = z.output<typeof numberSchema>;

export interface TeamServerConfig extends Omit<z.output<typeof fileSchema>, 'redisUrl' | 'databaseUrl' | 'pilotKeysFile'> {
  redisUrl: string;
  databaseUrl: string;
  keys: PilotKeys;
  /** This process's name in leases, consumer groups and presence. */
  instanceId: string;
}

const describeIssues = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`).join('; ');

/** Reads and checks the JSON config file (without environment or keys). */
export const parseConfigFile = (text: string, file: string): z.output<typeof fileSchema> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
};

const parseListen = (value: string): { host: string; port: number } => {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new ConfigError(`TEAM_SERVER_LISTEN must be host:port (got "${value}")`);
  return { host: match[1] ?? match[2]!, port };
};

/**
 * The whole configuration: the file, then the environment on top of it
 * (`REDIS_URL`, `DATABASE_URL`, `PILOT_KEYS_FILE`, `TEAM_SERVER_LISTEN`,
 * `TEAM_SERVER_TLS_CERT`/`TEAM_SERVER_TLS_KEY`, `TEAM_SERVER_INSTANCE`), then
 * the Pilot Status keys file. Every problem is reported with where it is.
 */
export const loadConfig = (file: string, env: NodeJS.ProcessEnv = process.env, options: { keys?: boolean } = {}): TeamServerConfig => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const base = parseConfigFile(text, file);
  const redisUrl = env.REDIS_URL ?? base.redisUrl;
  const databaseUrl = env.DATABASE_URL ?? base.databaseUrl;
  const keysFile = env.PILOT_KEYS_FILE ?? base.pilotKeysFile;
  if (!redisUrl) throw new ConfigError('set REDIS_URL (or "redisUrl" in the config file)');
  if (!databaseUrl) throw new ConfigError('set DATABASE_URL (or "databaseUrl" in the config file)');
  const wantKeys = options.keys ?? true;
  if (!keysFile && wantKeys) throw new ConfigError('set PILOT_KEYS_FILE (or "pilotKeysFile" in the config file) to the file with each number\'s Pilot Status key');
  const listen = env.TEAM_SERVER_LISTEN ? parseListen(env.TEAM_SERVER_LISTEN) : base.listen;
  const cert = env.TEAM_SERVER_TLS_CERT ?? base.tls?.cert;
  const key = env.TEAM_SERVER_TLS_KEY ?? base.tls?.key;
  if (Boolean(cert) !== Boolean(key)) throw new ConfigError('TLS needs both a certificate and a key (TEAM_SERVER_TLS_CERT and TEAM_SERVER_TLS_KEY)');
  // Admin commands (agents add/list/revoke) need no Pilot Status keys.
  const keys = wantKeys ? readPilotKeys(keysFile!, base.numbers.map((n) => n.id)) : new Map();
  return {
    ...base,
    listen,
    tls: cert && key ? { cert, key } : undefined,
    redisUrl,
    databaseUrl,
    keys,
    instanceId: env.TEAM_SERVER_INSTANCE ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
  };
};
