/** What the command line asks for. */
export type TeamServerCommand =
  | { kind: 'serve'; config: string }
  | { kind: 'agents-add'; config: string; name: string; numbers: string[]; supervisor: boolean; json: boolean }
  | { kind: 'agents-list'; config: string; json: boolean }
  | { kind: 'agents-revoke'; config: string; agent: string; json: boolean }
  | { kind: 'help' };

export const usage = `Usage:
  team-server --config FILE                                   run the team server
  team-server agents add "NAME" --numbers a,b [--supervisor] --config FILE
                                                              add an agent; prints its token once
  team-server agents list --config FILE                       list agents (never their tokens)
  team-server agents revoke ID|NAME --config FILE             revoke an agent: its token is refused and its sockets closed
Add --json to an agents command for machine-readable output.
Environment: REDIS_URL, DATABASE_URL, PILOT_KEYS_FILE, TEAM_SERVER_LISTEN (host:port),
TEAM_SERVER_TLS_CERT, TEAM_SERVER_TLS_KEY, TEAM_SERVER_INSTANCE; TEAM_SERVER_CONFIG instead of --config.`;

export class UsageError extends Error {}

/** Parses `argv` (without node and the script); throws {@link UsageError} with a sentence. */
export const parseTeamServerArgs = (argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TeamServerCommand => {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--supervisor' || arg === '--json') flags.set(arg, true);
    else if (arg === '--config' || arg === '--numbers') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      flags.set(arg, value);
      i += 1;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const config = (flags.get('--config') as string | undefined) ?? env.TEAM_SERVER_CONFIG;
  if (!config) throw new UsageError('--config FILE is required (or TEAM_SERVER_CONFIG)');
  const json = flags.has('--json');
  if (positional.length === 0) return { kind: 'serve', config };
  if (positional[0] !== 'agents') throw new UsageError(`unknown command ${positional[0]}`);
  const [, sub, target, ...extra] = positional;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')} (quote a name with spaces)`);
  if (sub === 'list' && target === undefined) return { kind: 'agents-list', config, json };
  if (sub === 'revoke' && target) return { kind: 'agents-revoke', config, agent: target, json };
  if (sub === 'add' && target) {
    const numbers = ((flags.get('--numbers') as string | undefined) ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    if (numbers.length === 0) throw new UsageError('agents add needs --numbers with at least one number id');
    return { kind: 'agents-add', config, name: target, numbers, supervisor: flags.has('--supervisor'), json };
  }
  throw new UsageError('agents takes: add "NAME" --numbers a,b | list | revoke ID|NAME');
};
