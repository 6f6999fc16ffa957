import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryListRow, HistorySort } from '../../preload/contract';
import { generateHistory } from '../support/history-generator';
import { historyHarness } from '../support/history-harness';
import { tempDir } from '../support/temp-dir';

const temp = tempDir('pilot-list-rows-');
let db: Database.Database;
let harness: Awaited<ReturnType<typeof historyHarness>>;

beforeAll(async () => {
  db = generateHistory(join(temp.path, 'call-log.sqlite'), { count: 2_000, seed: 21 });
  harness = await historyHarness(db, join(temp.path, 'exports'));
});
afterAll(() => {
  db.close();
  temp.remove();
});

const listKeys: (keyof HistoryListRow)[] = ['id', 'createdAt', 'lineLabel', 'agentName', 'direction', 'peerNumber', 'contactName', 'outcome', 'remoteStatus', 'durationSeconds', 'notes', 'disposition', 'tags'];

describe('history list pages carry what the list shows, cheaply', () => {
  it('each row has exactly the list fields, its time as epoch ms, tags as a list', async () => {
    const page = await harness.call('history.query', { limit: 50 });
    expect(page.rows).toHaveLength(50);
    for (const row of page.rows) {
      expect(Object.keys(row).sort()).toEqual([...listKeys].sort());
      const stored = db.prepare('SELECT created_at, tags, substr(notes, 1, 200) AS notes FROM calls WHERE id = ?').get(row.id) as { created_at: number; tags: string; notes: string };
      expect(row.createdAt).toBe(stored.created_at);
      expect(row.tags).toEqual(JSON.parse(stored.tags));
      expect(row.notes).toBe(stored.notes);
    }
  });

  it('pages through every sort in the order the log holds, each call once', async () => {
    const sorts: [HistorySort, string][] = [
      [{ key: 'time', order: 'desc' }, 'created_at DESC, seq DESC'],
      [{ key: 'time', order: 'asc' }, 'created_at ASC, seq ASC'],
      [{ key: 'duration', order: 'desc' }, 'talk_seconds DESC, created_at DESC, seq DESC'],
      [{ key: 'duration', order: 'asc' }, 'talk_seconds ASC, created_at ASC, seq ASC'],
    ];
    for (const [sort, order] of sorts) {
      const expected = (db.prepare(`SELECT id FROM calls WHERE outcome = 'answered' ORDER BY ${order}`).all() as { id: string }[]).map((r) => r.id);
      const seen: string[] = [];
      let after: number[] | undefined;
      for (;;) {
        const page = await harness.call('history.query', { filter: { outcome: 'answered' }, sort, limit: 170, ...(after ? { after } : {}) });
        seen.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        after = page.next;
      }
      expect([sort, seen]).toEqual([sort, expected]);
    }
  });
});
