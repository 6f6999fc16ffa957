import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type pg from 'pg';
import { teamMigrations } from '../../main/team-server/history/migrations/index';
import { generatedCalls, type GeneratorOptions } from './history-generator';

const psqlBin = join(process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin', 'psql');

const columns = [
  'id', 'external_id', 'account_id', 'line_label', 'agent_name', 'provider', 'direction', 'peer_number', 'contact_name', 'outcome',
  'remote_status', 'created_at', 'ringing_at', 'connected_at', 'ended_at', 'duration_seconds', 'notes', 'disposition', 'tags', 'updated_at',
];

/** A value in COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
const copyText = (value: string | number | null): string =>
  value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** The team history's index statements, read from its migrations (so a bulk load rebuilds exactly those). */
const indexStatements = (): string[] => teamMigrations.flatMap((m) => [...m.sql.matchAll(/CREATE INDEX[^;]+;/g)].map((match) => match[0]));

/**
 * Bulk-loads the generator's calls into a migrated team database with
 * `COPY calls FROM STDIN` (through psql, streaming, flat memory): indexes are
 * dropped first and rebuilt after, then the table is vacuumed and analysed. The same
 * options give the same calls as the local-history generator.
 */
export const copyTeamHistory = async (
  databaseUrl: string,
  pool: pg.Pool,
  options: Pick<GeneratorOptions, 'count' | 'seed' | 'endMs' | 'days' | 'onProgress'>,
): Promise<void> => {
  const indexes = indexStatements();
  for (const statement of indexes) await pool.query(`DROP INDEX IF EXISTS ${/CREATE INDEX (\w+)/.exec(statement)![1]}`);
  const psql = spawn(psqlBin, [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `COPY calls (${columns.join(', ')}) FROM STDIN`], { stdio: ['pipe', 'ignore', 'pipe'] });
  let errors = '';
  psql.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = once(psql, 'exit');
  let lines: string[] = [];
  let written = 0;
  for (const c of generatedCalls(options)) {
    const row = [c.id, c.externalId, c.accountId, c.lineLabel, c.agentName, c.provider, c.direction, c.peerNumber, c.contactName, c.outcome,
      c.remoteStatus, c.createdAt, c.ringingAt, c.connectedAt, c.endedAt, c.durationSeconds, c.notes, c.disposition, c.tags, c.endedAt];
    lines.push(row.map(copyText).join('\t'));
    if (lines.length === 5000) {
      written += lines.length;
      if (!psql.stdin.write(`${lines.join('\n')}\n`)) await once(psql.stdin, 'drain');
      lines = [];
      options.onProgress?.(written);
    }
  }
  if (lines.length > 0) psql.stdin.write(`${lines.join('\n')}\n`);
  psql.stdin.end();
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`COPY failed: ${errors.trim()}`);
  for (const statement of indexes) await pool.query(statement);
  await pool.query('VACUUM (ANALYZE) calls');
};
