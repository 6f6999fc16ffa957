import type { Redis } from 'ioredis';
import type { TeamEvent } from '../../core/team/protocol';
import type { TeamKeys } from '../redis-keys';

/** A stream entry as the instances pass it around: its id, its JSON as stored, and that JSON read once. */
export interface StreamEntry {
  id: string;
  raw: string;
  event: TeamEvent;
}

type RawEntries = [id: string, fields: string[]][];

/** Reads XRANGE/XREAD entries; unreadable ones are skipped (and counted by the caller's logs). */
export const readEntries = (entries: RawEntries | undefined | null): StreamEntry[] => {
  const out: StreamEntry[] = [];
  for (const [id, fields] of entries ?? []) {
    const raw = fields?.[1];
    if (!raw) continue;
    try {
      out.push({ id, raw, event: JSON.parse(raw) as TeamEvent });
    } catch {
      // A foreign or damaged entry: nothing an agent could use.
    }
  }
  return out;
};

/** Appends an entry that is not a call change (presence, revocation, permission), trimmed by age like the rest. */
export const appendEvent = async (redis: Redis, keys: TeamKeys, retentionMs: number, event: TeamEvent): Promise<string> =>
  (await redis.xadd(keys.stream, 'MINID', '~', `${Math.max(0, Math.floor(Date.now() - retentionMs))}-0`, '*', 'e', JSON.stringify(event)))!;

/** The id of the newest entry, or `0-0` for an empty stream. */
export const lastStreamId = async (redis: Redis, keys: TeamKeys): Promise<string> => {
  const newest = (await redis.xrevrange(keys.stream, '+', '-', 'COUNT', 1)) as RawEntries;
  return newest[0]?.[0] ?? '0-0';
};

/**
 * Whether entries after `after` may have been trimmed away: Redis 7 keeps
 * the largest id it ever deleted (`max-deleted-entry-id`).
 */
export const trimmedSince = async (redis: Redis, keys: TeamKeys, after: string): Promise<boolean> => {
  let info: unknown[];
  try {
    info = (await redis.xinfo('STREAM', keys.stream)) as unknown[];
  } catch {
    return false; // no stream yet: nothing was ever trimmed
  }
  const index = info.indexOf('max-deleted-entry-id');
  const deleted = index >= 0 ? String(info[index + 1]) : '0-0';
  const [dm = 0, ds = 0] = deleted.split('-').map(Number);
  const [am = 0, as = 0] = after.split('-').map(Number);
  return dm > am || (dm === am && ds > as);
};

/** Every entry after `after` (exclusive), page by page. */
export async function* entriesAfter(redis: Redis, keys: TeamKeys, after: string, pageSize = 500): AsyncGenerator<StreamEntry[]> {
  let from = after;
  for (;;) {
    const page = (await redis.xrange(keys.stream, `(${from}`, '+', 'COUNT', pageSize)) as RawEntries;
    if (page.length === 0) return;
    yield readEntries(page);
    from = page.at(-1)![0];
    if (page.length < pageSize) return;
  }
}
