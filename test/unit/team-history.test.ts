import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryCursor, HistoryFilter, HistorySort } from '../../preload/contract';
import { csvColumns, writeHistoryCsv } from '../../main/core/call-log/csv-export';
import type { CallLogDatabase } from '../../main/core/call-log/database';
import { HistoryRepository } from '../../main/core/call-log/history-repository';
import { whereOf } from '../../main/core/call-log/history-sql';
import { historyStats } from '../../main/core/call-log/history-stats';
import { createTranslator } from '../../main/core/i18n/translator';
import { TeamHistory } from '../../main/team-server/history/team-history';
import { generatedLines, generateHistory } from '../support/history-generator';
import { copyTeamHistory } from '../support/team-history-loader';
import { startTeamInfra, TeamFixture, type TeamInfra } from '../support/team-harness';

let infra: TeamInfra;
let team: TeamFixture;
let local: CallLogDatabase;
let localHistory: HistoryRepository;
let teamHistory: TeamHistory;
const count = 4000;
const endMs = Date.UTC(2025, 5, 30, 21, 0, 0);
const day = 86_400_000;

beforeAll(async () => {
  infra = await startTeamInfra();
  team = await new TeamFixture(infra).setup([{ id: 'support', provider: 'EVO_GO' }]);
  // The same generated calls in the app's local log (SQLite) and in the team history (PostgreSQL, by COPY).
  local = generateHistory(join(team.dir.path, 'local.sqlite'), { count });
  localHistory = new HistoryRepository(local);
  await copyTeamHistory(team.databaseUrl, team.pool(), { count });
  teamHistory = new TeamHistory(team.pool());
}, 120_000);
afterAll(async () => {
  local?.close();
  await team?.close();
  await infra?.stop();
});

const time: HistorySort = { key: 'time', order: 'desc' };
const longest: HistorySort = { key: 'duration', order: 'desc' };
/** The local history benchmark's filter mixes, and a few more for search. */
const mixes: { name: string; filter: HistoryFilter; sort: HistorySort }[] = [
  { name: 'all, newest', filter: {}, sort: time },
  { name: 'missed', filter: { outcome: 'missed' }, sort: time },
  { name: 'line + last 7 days', filter: { accountId: generatedLines[1].id, from: endMs - 7 * day }, sort: time },
  { name: 'inbound answered >= 60 s', filter: { direction: 'INBOUND', outcome: 'answered', minSeconds: 60 }, sort: time },
  { name: 'line missed last 30 days', filter: { accountId: generatedLines[0].id, outcome: 'missed', from: endMs - 30 * day, to: endMs }, sort: time },
  { name: 'talk <= 20 s, oldest', filter: { maxSeconds: 20 }, sort: { key: 'time', order: 'asc' } },
  { name: 'line, longest', filter: { accountId: generatedLines[3].id }, sort: longest },
  { name: 'answered, longest', filter: { outcome: 'answered' }, sort: longest },
  { name: 'answered, shortest', filter: { outcome: 'answered' }, sort: { key: 'duration', order: 'asc' } },
  { name: 'search number typed as a phone', filter: { text: '+55 (11) 9' }, sort: time },
  { name: 'search name', filter: { text: 'conceição' }, sort: time },
  { name: 'search name, no accents, capitals', filter: { text: 'CONCEICAO' }, sort: time },
  { name: 'search two words', filter: { text: 'Ana Silva' }, sort: time },
  { name: 'search notes + line', filter: { text: 'retorno', accountId: generatedLines[2].id }, sort: time },
  { name: 'search tag', filter: { text: 'urgente' }, sort: longest },
  { name: 'search, nothing matches', filter: { text: 'zzqxw' }, sort: time },
];

describe('team history answers like the local history', () => {
  it.each(mixes)('$name: the same rows, in the same order, page after page', async ({ filter, sort }) => {
    let localAfter: HistoryCursor | undefined;
    let teamAfter: HistoryCursor | undefined;
    let compared = 0;
    for (let page = 0; page < 4; page += 1) {
      const expected = localHistory.page(filter, sort, 60, localAfter);
      const actual = await teamHistory.page(filter, sort, 60, teamAfter);
      expect(actual.rows).toEqual(expected.rows);
      expect(actual.next).toEqual(expected.next);
      compared += actual.rows.length;
      if (!expected.next) break;
      [localAfter, teamAfter] = [expected.next, actual.next!];
    }
    if (filter.text !== 'zzqxw') expect(compared).toBeGreaterThan(0);
  });

  it.each(mixes.slice(0, 12))('$name: the same stats and count', async ({ filter }) => {
    expect(await teamHistory.stats(filter)).toEqual(historyStats(localHistory, filter));
    const where = whereOf(filter);
    const local = (localHistory.statement(`SELECT count(*) AS n FROM calls ${where.sql}`).get(where.params) as { n: number }).n;
    expect(await teamHistory.count(filter)).toBe(local);
  });

  it('an agent sees only the numbers they answer', async () => {
    const scope = { numbers: [generatedLines[0].id] };
    const page = await teamHistory.page({}, time, 200, undefined, scope);
    expect(page.rows.length).toBe(200);
    expect(new Set(page.rows.map((r) => r.lineLabel))).toEqual(new Set([generatedLines[0].label]));
    expect((await teamHistory.stats({}, scope)).perLine.map((l) => l.accountId)).toEqual([generatedLines[0].id]);
    expect(await teamHistory.detail(page.rows[0]!.id, { numbers: ['elsewhere'] })).toBeNull();
  });

  it('exports the same CSV bytes as the local history for the same filter', async () => {
    const columns = csvColumns(await createTranslator('pt-BR'));
    const filter: HistoryFilter = { outcome: 'answered', from: endMs - 60 * day };
    const collect = async (history: Parameters<typeof writeHistoryCsv>[0]['history']) => {
      const chunks: Buffer[] = [];
      const out = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
      const rows = await writeHistoryCsv({ history, filter, sort: time, columns, out, batchSize: 97 });
      return { rows, bytes: Buffer.concat(chunks) };
    };
    const expected = await collect(localHistory);
    const actual = await collect({ pageRows: (f, s, limit, after, full) => teamHistory.pageRows(f, s, limit, after, full) });
    expect(actual.rows).toBeGreaterThan(100);
    expect(actual.rows).toBe(expected.rows);
    expect(actual.bytes.equals(expected.bytes)).toBe(true);
  });

  it('export streams with flat memory: a reader that stops reading stops the database reads within a batch or two', async () => {
    const batchSize = 200;
    let batchesRead = 0;
    let reading = 0;
    let quietTurns = 0;
    const source = {
      pageRows: async (...args: Parameters<TeamHistory['pageRows']>) => {
        batchesRead += 1;
        reading += 1;
        quietTurns = 0;
        try {
          return await teamHistory.pageRows(...args);
        } finally {
          reading -= 1;
          quietTurns = 0;
        }
      },
    };
    // A reader that takes 64 KB and then stops reading until released.
    const held: (() => void)[] = [];
    let received = 0;
    let released = false;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write: (chunk: Buffer, _e, done) => {
        received += chunk.length;
        if (released || received < 64 * 1024) done();
        else held.push(done);
      },
    });
    const all = await teamHistory.count({});
    const exporting = writeHistoryCsv({ history: source, filter: {}, sort: time, columns: csvColumns(await createTranslator('en')), out, batchSize });
    // Parked on the stalled reader: no read in flight, and none started for many turns of the event loop since the
    // last one ended (between batches the export waits one turn, so a running export reads again within a few).
    while (!(held.length > 0 && reading === 0 && quietTurns >= 50)) {
      await nextTurn();
      quietTurns += 1;
    }
    expect(Math.ceil(all / batchSize)).toBeGreaterThan(15);
    expect(batchesRead).toBeLessThanOrEqual(4);
    released = true;
    for (const done of held.splice(0)) done();
    expect(await exporting).toBe(all);
    expect(batchesRead).toBe(Math.ceil(all / batchSize) + (all % batchSize === 0 ? 1 : 0));
  });

  it('serves the export over HTTP to an agent token, for the agent\'s numbers, and refuses a request without one', async () => {
    const server = await team.start();
    const token = await team.addAgent('Ana', ['support']);
    // The loaded calls are on the generated lines; make some of them the agent's number.
    await team.pool().query(`UPDATE calls SET account_id = 'support' WHERE account_id = $1`, [generatedLines[4].id]);
    const url = `${server.url}/v1/history/export?filter=${encodeURIComponent(JSON.stringify({ outcome: 'missed' }))}&lang=en`;
    expect((await fetch(url)).status).toBe(401);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows = parse(bytes, { bom: true }) as string[][];
    const missed = (await team.pool().query(`SELECT count(*) AS n FROM calls WHERE account_id = 'support' AND outcome = 'missed'`)).rows[0]!.n as number;
    expect(rows.length - 1).toBe(missed);
    expect(missed).toBeGreaterThan(10);
    expect(rows[0]![0]).toBe('Time');
    const bad = await fetch(`${server.url}/v1/history/export?filter=${encodeURIComponent('{"outcome":"nope"}')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
