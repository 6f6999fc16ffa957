/**
 * `npm run team-server -- --config FILE`: the team server for call centers
 * (one Pilot Status poll per number for the whole team, webhooks, Redis
 * fan-out to agents, PostgreSQL team history), or its `agents` admin command.
 * Exit codes: 0 done, 1 failure while running, 2 bad command line or config.
 */
import { runAgentsCommand } from './admin/agents-command';
import { parseTeamServerArgs, usage, UsageError } from './cli-args';
import { AgentAdminError } from './agents/agent-store';
import { ConfigError, loadConfig } from './config';
import { TeamSchemaTooNewError } from './history/migrate';
import { startTeamServer } from './team-server';

const fail = (message: string, code: number): never => {
  process.stderr.write(`team-server: ${message}\n`);
  process.exit(code);
};

const main = async (): Promise<void> => {
  const command = parseTeamServerArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (command.kind !== 'serve') {
    const config = loadConfig(command.config, process.env, { keys: false });
    process.stdout.write(`${await runAgentsCommand(command, config)}\n`);
    return;
  }
  const server = await startTeamServer(loadConfig(command.config));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`team-server: ${signal}, stopping\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

main().catch((error: unknown) => {
  if (error instanceof UsageError) fail(`${error.message}\n${usage}`, 2);
  if (error instanceof ConfigError) fail(error.message, 2);
  if (error instanceof AgentAdminError || error instanceof TeamSchemaTooNewError) fail(error.message, 1);
  fail(`could not start: ${(error as Error).message}`, 1);
});
