import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CallLogDatabase } from '../../main/core/call-log/database';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import type { Notifier } from '../../main/core/notifications/notifier';
import { SettingsStore } from '../../main/core/settings/settings-store';
import { Softphone } from '../../main/core/softphone';
import { exportFolderDestination } from '../../main/runtime/export-folder';
import { generateHistory } from '../support/history-generator';
import { ManualClock } from '../support/manual-clock';
import { tempDir } from '../support/temp-dir';
import { capturingLogger, type CapturedLog } from './log-capture';

/** Answers the fake Pilot Status gives a request; the default one is a healthy, empty number. */
export type Responder = (method: string, url: URL, body: string | undefined) => Response | Promise<Response>;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let created = 0;
export const healthyPilot: Responder = (method, url) => {
  const path = url.pathname;
  if (method === 'GET' && path === '/v1/calls') return json(200, { calls: [] });
  if (method === 'GET' && path.startsWith('/v1/calls/permissions')) return json(200, { permission: { status: 'permanent' }, actions: [] });
  if (path === '/v1/calls/settings') return json(200, method === 'GET' ? { calling: { status: 'ENABLED' } } : { success: true });
  if (method === 'GET' && path.startsWith('/v1/calls/')) return json(404, { code: 'CALL_NOT_FOUND', message: 'unknown call' });
  if (method === 'POST' && path === '/v1/calls') return json(200, { id: `call_created_${++created}`, status: 'INITIATED' });
  if (path.endsWith('/realtime-session')) return json(200, { wsUrl: `ws://127.0.0.1:9/rt?token=rt_secret_${created}`, token: `rt_secret_${created}` });
  return json(200, { success: true });
};

/** The keys of the world's lines: no log line may ever contain one. */
export const worldKeys = ['ps_worldKeyMeta_0123456789', 'ps_worldKeyWeb_9876543210'];

export interface FuzzWorld {
  phone: Softphone;
  db: CallLogDatabase;
  clock: ManualClock;
  log: CapturedLog;
  /** Ids of the lines the world starts with (one META, one EVO_GO). */
  lineIds: string[];
  /** Ids of the calls the log held before anything ran. */
  seededIds: string[];
  /** What Pilot Status answers from now on. */
  respond(responder: Responder): void;
  /** A fingerprint of what Pilot Status told about the seeded calls: people's notes may change, nothing else. */
  seededFingerprint(): string;
  callCount(): number;
  close(): Promise<void>;
}

const quietNotifier: Notifier = { showIncomingCall: async () => true, close: async () => {}, onAction: () => {}, dispose: () => {} };

/**
 * The core as the hosts get it, over real files (settings, a call log of
 * `seeded` generated calls, an exports folder) with the keys in memory, a
 * clock that moves only when told, and Pilot Status played by a function
 * (no network): the world the contract and intake fuzzers run in.
 */
export const createFuzzWorld = async (options: { seeded?: number } = {}): Promise<FuzzWorld> => {
  const dir = tempDir('pilot-fuzz-');
  const db = generateHistory(join(dir.path, 'call-log.sqlite'), { count: options.seeded ?? 300, seed: 99 });
  const seededIds = (db.prepare('SELECT id FROM calls ORDER BY seq').all() as { id: string }[]).map((r) => r.id);
  const keys = new MemoryCredentialStore();
  const clock = new ManualClock();
  const log = capturingLogger();
  let responder: Responder = healthyPilot;
  const phone = new Softphone({
    host: 'browser',
    version: 'fuzz',
    clock,
    logger: log.logger,
    settings: new SettingsStore(join(dir.path, 'settings.json')),
    keychain: keys,
    callLogDb: db,
    notifier: quietNotifier,
    emit: () => undefined,
    systemLocale: 'pt_BR.UTF-8',
    exportDestination: exportFolderDestination(join(dir.path, 'exports')),
    fetch: async (input, init) => {
      const url = new URL(String(input));
      return responder(init?.method ?? 'GET', url, typeof init?.body === 'string' ? init.body : undefined);
    },
  });
  await phone.start();
  const lineIds: string[] = [];
  for (const [index, provider] of (['META', 'EVO_GO'] as const).entries()) {
    const added = await phone.dispatch('accounts.add', { label: `Linha ${index + 1}`, provider, apiKey: worldKeys[index]!, baseUrl: 'https://pilot.fuzz.example' });
    if (!added.ok) throw new Error(`the fuzz world could not add a line: ${added.error.message}`);
    lineIds.push((added.value as { id: string }).id);
  }
  const fingerprintSql = `SELECT id, external_id, account_id, provider, direction, peer_number, outcome, remote_status, created_at, connected_at, ended_at, duration_seconds
    FROM calls WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`;
  const seededJson = JSON.stringify(seededIds);
  return {
    phone,
    db,
    clock,
    log,
    lineIds,
    seededIds,
    respond: (next) => (responder = next),
    seededFingerprint: () => {
      const hash = createHash('sha256');
      for (const row of db.prepare(fingerprintSql).iterate(seededJson)) hash.update(JSON.stringify(row));
      return hash.digest('hex');
    },
    callCount: () => (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n,
    close: async () => {
      phone.stop();
      // Exports under way end before their folder goes.
      await new Promise((resolve) => setTimeout(resolve, 50));
      db.close();
      dir.remove();
    },
  };
};
