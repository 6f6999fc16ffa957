import { join } from 'node:path';
import pg from 'pg';
import { TeamHistory } from '../../main/team-server/history/team-history';
import { migrateTeamDatabase } from '../../main/team-server/history/migrate';
import { createPool } from '../../main/team-server/history/pg-pool';
import { startPostgres } from '../support/postgres-server';
import { copyTeamHistory } from '../support/team-history-loader';
import { percentile, report } from './bench-result';
import { historyMixes, statsFilters } from './history-mixes';

/**
 * `team.history_query_ms`: the team history's first page (100 rows) for the
 * local history benchmark's filter mixes, on `rows` generated calls in
 * PostgreSQL, through the team server's query code. The cluster and its
 * data are kept in `.bench-data/team-pg` (loaded once, by COPY).
 */
export const benchTeamHistory = async (rows: number): Promise<void> => {
  const postgres = await startPostgres({ dataDir: join(import.meta.dirname, '../../.bench-data/team-pg') });
  const name = `history_${rows}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0;
  await admin.end();
  const url = exists ? postgres.url.replace(/\/postgres$/, `/${name}`) : await postgres.createDatabase(name);
  const pool = createPool(url, 4);
  pool.on('error', () => undefined); // the cluster stopping at the end says goodbye to idle connections
  try {
    const loaded = exists ? Number((await pool.query('SELECT count(*) AS n FROM calls').catch(() => ({ rows: [{ n: 0 }] }))).rows[0]!.n) : 0;
    if (loaded !== rows) {
      const started = performance.now();
      await pool.query('DROP TABLE IF EXISTS calls, agents, team_schema');
      await migrateTeamDatabase(pool);
      await copyTeamHistory(url, pool, { count: rows, onProgress: (n) => n % 100_000 === 0 && console.error(`team history: ${n} calls copied`) });
      console.error(`team history: ${rows} calls loaded and indexed in ${Math.round((performance.now() - started) / 1000)} s`);
    }
    // As autovacuum would have by now: index-only scans (the stats' covering index) need the visibility map.
    await pool.query('VACUUM (ANALYZE) calls');
    const history = new TeamHistory(pool);
    const endMs = Number((await pool.query('SELECT max(created_at) AS t FROM calls')).rows[0]!.t);
    const all: number[] = [];
    const perMixP95: Record<string, number> = {};
    for (const mix of historyMixes(endMs)) {
      const samples: number[] = [];
      for (let i = 0; i < 33; i += 1) {
        const t = performance.now();
        await history.page(mix.filter, mix.sort, 100);
        if (i >= 3) samples.push(performance.now() - t); // warm-up
      }
      all.push(...samples);
      perMixP95[mix.name] = Math.round(percentile(samples, 95) * 100) / 100;
    }
    report('team.history_query_ms', 'ms', all, { rows, mixes: Object.keys(perMixP95).length, limit: 100, goal: '< 100 (p95)', perMixP95 });
    const stats: number[] = [];
    const perFilterP50: Record<string, number> = {};
    for (const { name: filterName, filter } of statsFilters(endMs)) {
      const samples: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const t = performance.now();
        await history.stats(filter);
        if (i > 0) samples.push(performance.now() - t);
      }
      stats.push(...samples);
      perFilterP50[filterName] = Math.round(percentile(samples, 50));
    }
    report('team.history_stats_ms', 'ms', stats, { rows, perFilterP50 });
  } finally {
    await pool.end();
    await postgres.stop();
  }
};
