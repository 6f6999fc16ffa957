import { createHash, randomBytes } from 'node:crypto';
import type { AgentRole, TeamAgentView } from '../../core/team/protocol';
import { agentTokenPattern } from '../../core/team/protocol';
import type { Pool } from '../history/pg-pool';

export interface AgentRecord extends TeamAgentView {
  createdAt: string;
  revokedAt: string | null;
}

interface AgentRow {
  id: string;
  name: string;
  role: AgentRole;
  numbers: string[];
  created_at: Date;
  revoked_at: Date | null;
}

const toRecord = (row: AgentRow): AgentRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  numbers: row.numbers,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** Tokens carry 256 random bits, so a plain SHA-256 is enough to store them: there is nothing to guess. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newAgentToken = (): string => `pst_${randomBytes(32).toString('base64url')}`;

/** An admin request that cannot be done as asked, with why. */
export class AgentAdminError extends Error {
  constructor(
    readonly code: 'AGENT_NOT_FOUND' | 'AGENT_AMBIGUOUS' | 'UNKNOWN_NUMBER' | 'INVALID_NAME',
    message: string,
  ) {
    super(message);
    this.name = 'AgentAdminError';
  }
}

/**
 * The team's agents in PostgreSQL. A token is shown once, when the agent is
 * added; only its hash is kept. Revoking keeps the row (the history names
 * who answered) and makes the token useless at once.
 */
export class AgentStore {
  constructor(
    private readonly pool: Pool,
    private readonly knownNumbers: readonly string[],
  ) {}

  async add(input: { name: string; numbers: string[]; role?: AgentRole }): Promise<{ agent: AgentRecord; token: string }> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 80) throw new AgentAdminError('INVALID_NAME', 'An agent name has 1 to 80 characters');
    const unknown = input.numbers.filter((n) => !this.knownNumbers.includes(n));
    if (unknown.length > 0 || input.numbers.length === 0) {
      throw new AgentAdminError('UNKNOWN_NUMBER', `Numbers must be among ${this.knownNumbers.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    }
    const token = newAgentToken();
    const id = `agt_${randomBytes(8).toString('hex')}`;
    const { rows } = await this.pool.query<AgentRow>(
      'INSERT INTO agents (id, name, role, numbers, token_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [id, name, input.role ?? 'agent', [...new Set(input.numbers)], hashToken(token)],
    );
    return { agent: toRecord(rows[0]!), token };
  }

  async list(): Promise<AgentRecord[]> {
    const { rows } = await this.pool.query<AgentRow>('SELECT * FROM agents ORDER BY revoked_at IS NOT NULL, name, created_at');
    return rows.map(toRecord);
  }

  /** Revokes by id, or by name when exactly one active agent has it. */
  async revoke(idOrName: string): Promise<AgentRecord> {
    const { rows } = await this.pool.query<AgentRow>(
      `SELECT * FROM agents WHERE id = $1 OR (name = $1 AND revoked_at IS NULL)`,
      [idOrName],
    );
    if (rows.length === 0) throw new AgentAdminError('AGENT_NOT_FOUND', `No active agent is named or has the id "${idOrName}"`);
    if (rows.length > 1) throw new AgentAdminError('AGENT_AMBIGUOUS', `Several agents are named "${idOrName}": revoke by id (agents list shows them)`);
    const { rows: updated } = await this.pool.query<AgentRow>('UPDATE agents SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *', [rows[0]!.id]);
    return toRecord(updated[0]!);
  }

  /** The active agent a token belongs to, or null (malformed, unknown or revoked). */
  async authenticate(token: string | undefined): Promise<AgentRecord | null> {
    if (!token || !agentTokenPattern.test(token)) return null;
    const { rows } = await this.pool.query<AgentRow>('SELECT * FROM agents WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async isActive(agentId: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM agents WHERE id = $1 AND revoked_at IS NULL', [agentId]);
    return rows.length > 0;
  }
}
