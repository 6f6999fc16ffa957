import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTeamDatabase, TeamSchemaTooNewError, teamSchemaVersion } from '../../main/team-server/history/migrate';
import { teamMigrations } from '../../main/team-server/history/migrations/index';
import { createPool, type Pool } from '../../main/team-server/history/pg-pool';
import { startPostgres, type PrivatePostgres } from '../support/postgres-server';

let postgres: PrivatePostgres;
const pools: Pool[] = [];
const freshPool = async (name: string): Promise<Pool> => {
  const pool = createPool(await postgres.createDatabase(name), 4);
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await postgres?.stop();
});

const call = (overrides: Record<string, unknown> = {}) => ({
  id: 'call_1', account_id: 'support', line_label: 'Support', provider: 'EVO_GO', direction: 'INBOUND', peer_number: '+5511987654321',
  remote_status: 'RINGING', created_at: 1, updated_at: 1, ...overrides,
});
const insert = (pool: Pool, row: Record<string, unknown>) =>
  pool.query(`INSERT INTO calls (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));

describe('team database migrations', () => {
  it('0001 agents: a token hash is unique; roles are agent or supervisor', async () => {
    const pool = await freshPool('m1');
    await migrateTeamDatabase(pool, teamMigrations.slice(0, 1));
    expect(await teamSchemaVersion(pool)).toBe(1);
    await pool.query(`INSERT INTO agents (id, name, role, numbers, token_hash) VALUES ('a1', 'Ana', 'agent', '{support}', 'h1')`);
    await expect(pool.query(`INSERT INTO agents (id, name, role, numbers, token_hash) VALUES ('a2', 'Bia', 'agent', '{support}', 'h1')`)).rejects.toThrow(/unique/);
    await expect(pool.query(`INSERT INTO agents (id, name, role, numbers, token_hash) VALUES ('a3', 'Caio', 'boss', '{support}', 'h3')`)).rejects.toThrow(/check/);
  });

  it('0002 team calls: the local log\'s checks, a computed talk time, and the filter indexes', async () => {
    const pool = await freshPool('m2');
    await migrateTeamDatabase(pool, teamMigrations.slice(0, 2));
    await insert(pool, call({ duration_seconds: 42 }));
    expect((await pool.query('SELECT talk_seconds, seq, tags, notes FROM calls')).rows).toEqual([{ talk_seconds: 42, seq: 1, tags: '[]', notes: '' }]);
    await insert(pool, call({ id: 'call_2' }));
    expect((await pool.query(`SELECT talk_seconds FROM calls WHERE id = 'call_2'`)).rows[0].talk_seconds).toBe(0);
    await expect(insert(pool, call({ id: 'call_3', provider: 'WHATSAPP_WEB' }))).rejects.toThrow(/check/);
    await expect(insert(pool, call({ id: 'call_4', outcome: 'maybe' }))).rejects.toThrow(/check/);
    await expect(insert(pool, call({ id: 'call_5', tags: '{"a":1}' }))).rejects.toThrow(/check/);
    await expect(insert(pool, call({ id: 'call_6', duration_seconds: -1 }))).rejects.toThrow(/check/);
    const indexes = (await pool.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'calls'`)).rows.map((r) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['calls_by_created', 'calls_by_line', 'calls_by_outcome', 'calls_by_talk', 'calls_stats']));
  });

  it('0003 search: the accent-free column and its trigram index answer a fragment search', async () => {
    const pool = await freshPool('m3');
    await migrateTeamDatabase(pool, teamMigrations.slice(0, 2));
    await insert(pool, call({ contact_name: 'Márcia Conceição', notes: 'Pediu RETORNO', tags: '["vip"]' }));
    await migrateTeamDatabase(pool);
    expect((await pool.query('SELECT search FROM calls')).rows[0].search).toBe('+5511987654321 marcia conceicao pediu retorno  ["vip"]');
    await pool.query('SET enable_seqscan = off');
    const plan = (await pool.query(`EXPLAIN SELECT id FROM calls WHERE search LIKE '%conceic%'`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('calls_search');
  });

  it('instances starting together apply each step once; a database newer than the server is refused untouched', async () => {
    const pool = await freshPool('m4');
    const results = await Promise.all([migrateTeamDatabase(pool), migrateTeamDatabase(pool), migrateTeamDatabase(pool)]);
    expect(results).toEqual([3, 3, 3]);
    expect((await pool.query('SELECT version, name FROM team_schema ORDER BY version')).rows).toEqual(teamMigrations.map((m) => ({ version: m.version, name: m.name })));
    await pool.query(`INSERT INTO team_schema (version, name) VALUES (99, 'from the future')`);
    const error = await migrateTeamDatabase(pool).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamSchemaTooNewError);
    expect((error as Error).message).toContain('schema 99');
    expect(await teamSchemaVersion(pool)).toBe(99);
  });
});
