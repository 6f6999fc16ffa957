import { Redis } from 'ioredis';
import type { TeamServerCommand } from '../cli-args';
import type { TeamServerConfig } from '../config';
import { AgentStore, type AgentRecord } from '../agents/agent-store';
import { migrateTeamDatabase } from '../history/migrate';
import { createPool } from '../history/pg-pool';
import { teamKeys } from '../redis-keys';
import { appendEvent } from '../stream/stream-entry';

type AgentsCommand = Extract<TeamServerCommand, { kind: `agents-${string}` }>;

const describe = (agent: AgentRecord): string =>
  `${agent.name} (${agent.id}) ${agent.role}, numbers ${agent.numbers.join(', ')}${agent.revokedAt ? `, revoked ${agent.revokedAt}` : ''}`;

/**
 * `team-server agents add|list|revoke`: manages agents in the team database.
 * A revocation is also announced on the team stream, so every running
 * instance closes that agent's sockets at once. Returns the text to print.
 */
export const runAgentsCommand = async (command: AgentsCommand, config: TeamServerConfig): Promise<string> => {
  const pool = createPool(config.databaseUrl, 2);
  try {
    await migrateTeamDatabase(pool);
    const store = new AgentStore(pool, config.numbers.map((n) => n.id));
    if (command.kind === 'agents-add') {
      const { agent, token } = await store.add({ name: command.name, numbers: command.numbers, role: command.supervisor ? 'supervisor' : 'agent' });
      if (command.json) return JSON.stringify({ agent, token });
      return `Added ${describe(agent)}.\nToken (shown only now; the agent pastes it into the app's team line):\n${token}`;
    }
    if (command.kind === 'agents-list') {
      const agents = await store.list();
      if (command.json) return JSON.stringify({ agents });
      return agents.length ? agents.map(describe).join('\n') : 'No agents yet: add one with team-server agents add "NAME" --numbers ...';
    }
    const agent = await store.revoke(command.agent);
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      await appendEvent(redis, teamKeys(config.team), config.streamRetentionMinutes * 60_000, { kind: 'revoked', agentId: agent.id, at: Date.now() });
    } catch (error) {
      throw new Error(`${agent.name} is revoked (new connections are refused), but running instances could not be told to close open sockets: ${(error as Error).message}. Run the command again once Redis is reachable.`, { cause: error });
    } finally {
      redis.disconnect();
    }
    if (command.json) return JSON.stringify({ agent });
    return `Revoked ${describe(agent)}. Its token is refused and its open connections were closed.`;
  } finally {
    await pool.end();
  }
};
