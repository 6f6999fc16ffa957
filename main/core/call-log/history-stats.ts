import type { HistoryCounts, HistoryFilter, HistoryStats } from '../../../preload/contract';
import type { HistoryRepository } from './history-repository';
import { whereOf } from './history-sql';

/** Quarter hours: every time zone's offset is a multiple of 15 minutes, so local hours and days come out exact. */
const bucketMs = 15 * 60 * 1000;

interface Tally {
  total: number;
  answered: number;
  missed: number;
  declined: number;
  failed: number;
  ended: number;
  talkSum: number;
  talkCount: number;
}

/** A missed call is a customer who called and was not answered; an outbound call nobody picked up is not one. */
const missedCall = `outcome = 'missed' AND direction = 'INBOUND'`;

const tallyColumns = `count(*) AS total,
  count(*) FILTER (WHERE outcome = 'answered') AS answered,
  count(*) FILTER (WHERE ${missedCall}) AS missed,
  count(*) FILTER (WHERE outcome = 'declined') AS declined,
  count(*) FILTER (WHERE outcome = 'failed') AS failed,
  count(outcome) AS ended,
  coalesce(sum(duration_seconds) FILTER (WHERE outcome = 'answered'), 0) AS "talkSum",
  count(duration_seconds) FILTER (WHERE outcome = 'answered') AS "talkCount"`;

const countsOf = (t: Tally): HistoryCounts => ({
  total: t.total,
  answered: t.answered,
  missed: t.missed,
  declined: t.declined,
  failed: t.failed,
  answerRate: t.ended > 0 ? t.answered / t.ended : null,
  avgTalkSeconds: t.talkCount > 0 ? t.talkSum / t.talkCount : null,
});

const pad = (n: number): string => String(n).padStart(2, '0');
const localDay = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/**
 * Answer rate, missed calls, mean talk time, calls by local hour of day and by
 * local day, per line and overall, for one filter. Two passes over the
 * filtered rows: one grouped by line (the overall figures are its sums), one
 * grouped by quarter hour (turned into local hours and days here, in the
 * time zone of this process, which is the agent's).
 *
 * Definitions: `missed` counts inbound calls nobody answered;
 * `answerRate = answered / calls that ended` (calls still live are not
 * counted against it); `avgTalkSeconds` is over answered calls with a
 * known duration.
 */
export const historyStats = (history: HistoryRepository, filter: HistoryFilter): HistoryStats => {
  const where = whereOf(filter);
  const queries = statsQueries(where.sql);
  return assembleStats(history.statement(queries.perLine).all(where.params) as StatsLineRow[], history.statement(queries.buckets).all(where.params) as StatsBucketRow[]);
};

export type StatsLineRow = Tally & { accountId: string; lineLabel: string };
export type StatsBucketRow = { bucket: number; total: number; answered: number; missed: number };

/** The two grouped queries behind the stats, over a WHERE clause on `calls` (plain SQL that SQLite and PostgreSQL read alike). */
export const statsQueries = (whereSql: string): { perLine: string; buckets: string } => ({
  perLine: `SELECT account_id AS "accountId", max(line_label) AS "lineLabel", ${tallyColumns} FROM calls ${whereSql} GROUP BY account_id`,
  buckets: `SELECT created_at / ${bucketMs} AS bucket, count(*) AS total,
         count(*) FILTER (WHERE outcome = 'answered') AS answered, count(*) FILTER (WHERE ${missedCall}) AS missed
       FROM calls ${whereSql} GROUP BY bucket`,
});

/** The stats from the rows of {@link statsQueries}: overall figures, local hours and days, per line. */
export const assembleStats = (perLineRows: readonly StatsLineRow[], buckets: readonly StatsBucketRow[]): HistoryStats => {
  const overall: Tally = { total: 0, answered: 0, missed: 0, declined: 0, failed: 0, ended: 0, talkSum: 0, talkCount: 0 };
  for (const row of perLineRows) for (const key of Object.keys(overall) as (keyof Tally)[]) overall[key] += row[key];

  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, total: 0, answered: 0, missed: 0 }));
  const days = new Map<string, { day: string; total: number; answered: number; missed: number }>();
  for (const b of buckets) {
    const date = new Date(b.bucket * bucketMs);
    const hour = byHour[date.getHours()]!;
    const key = localDay(date);
    const day = days.get(key) ?? { day: key, total: 0, answered: 0, missed: 0 };
    days.set(key, day);
    for (const target of [hour, day]) {
      target.total += b.total;
      target.answered += b.answered;
      target.missed += b.missed;
    }
  }
  return {
    ...countsOf(overall),
    byHour,
    byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    perLine: perLineRows.map((row) => ({ accountId: row.accountId, lineLabel: row.lineLabel, ...countsOf(row) })).sort((a, b) => b.total - a.total),
  };
};
