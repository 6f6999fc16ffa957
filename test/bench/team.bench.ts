/**
 * Team server benchmarks (`npm run bench team`), one JSON line per result:
 *   team.pilot_requests_per_s / team.pilot_requests_ratio  Pilot Status load at 5 and at 500 agents on 8 numbers
 *   team.fanout_ms              call event → ring delivered to each of 500 agents over 3 instances (p50/p95)
 *   team.failover_ms            poll-lease holder SIGKILLed → next poll of its numbers by another instance
 *   team.missed_rings, team.duplicate_rings  over the failover rounds
 *   team.history_query_ms       first page of the team history on 1,000,000 calls in PostgreSQL, the local history's mixes
 *   team.history_stats_ms       stats on the same calls
 * Private Redis and PostgreSQL are started here; the history's cluster is kept in .bench-data/team-pg.
 * Environment: TEAM_BENCH_AGENTS (default 500), TEAM_BENCH_ROWS (default 1000000), TEAM_BENCH_ONLY=live|history.
 */
import { startTeamInfra } from '../support/team-harness';
import { benchTeamHistory } from './team-history-bench';
import { benchTeamLive } from './team-live-bench';

const only = process.env.TEAM_BENCH_ONLY;
if (only !== 'history') {
  const infra = await startTeamInfra();
  try {
    await benchTeamLive(infra, Number(process.env.TEAM_BENCH_AGENTS ?? 500));
  } finally {
    await infra.stop();
  }
}
if (only !== 'live') await benchTeamHistory(Number(process.env.TEAM_BENCH_ROWS ?? 1_000_000));
process.exit(0);
