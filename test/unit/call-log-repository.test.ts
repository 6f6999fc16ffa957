import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallLogRepository, type CallRecord } from '../../main/core/call-log/call-log-repository';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { tempDir } from '../support/temp-dir';

let dir: ReturnType<typeof tempDir>;
let repo: CallLogRepository;

const record = (over: Partial<CallRecord> = {}): CallRecord => ({
  id: 'call_1',
  externalId: null,
  accountId: 'line_a',
  lineLabel: 'Support',
  provider: 'EVO_GO',
  direction: 'INBOUND',
  peerNumber: '+5511987654321',
  outcome: null,
  remoteStatus: 'RINGING',
  createdAt: Date.parse('2026-11-20T12:00:00Z'),
  connectedAt: null,
  endedAt: null,
  durationSeconds: null,
  ...over,
});

beforeEach(() => {
  dir = tempDir();
  repo = new CallLogRepository(openCallLogDatabase(join(dir.path, 'log.sqlite')));
});
afterEach(() => {
  repo.close();
  dir.remove();
});

describe('call log repository', () => {
  it('keeps one row per call as events fill it in', () => {
    repo.upsert(record(), 1);
    repo.upsert(record({ remoteStatus: 'ACCEPTED', connectedAt: Date.parse('2026-11-20T12:00:04Z') }), 2);
    const ended = repo.upsert(
      record({ remoteStatus: 'COMPLETED', outcome: 'answered', endedAt: Date.parse('2026-11-20T12:01:04Z'), durationSeconds: 60, externalId: 'wacid.1' }),
      3,
    );
    expect(repo.list()).toHaveLength(1);
    expect(ended).toMatchObject({
      remoteStatus: 'COMPLETED',
      outcome: 'answered',
      connectedAt: '2026-11-20T12:00:04.000Z',
      endedAt: '2026-11-20T12:01:04.000Z',
      durationSeconds: 60,
      externalId: 'wacid.1',
    });
  });

  it('never blanks what is known, and the first outcome stays', () => {
    repo.upsert(record({ outcome: 'declined', externalId: 'x', connectedAt: 5 }), 1);
    const after = repo.upsert(record({ outcome: 'missed', externalId: null, connectedAt: null }), 2);
    expect(after).toMatchObject({ outcome: 'declined', externalId: 'x', connectedAt: new Date(5).toISOString() });
  });

  it('lists newest first with a before cursor', () => {
    for (let i = 0; i < 5; i++) repo.upsert(record({ id: `call_${i}`, createdAt: Date.parse('2026-11-20T12:00:00Z') + i * 1000 }), 1);
    expect(repo.list({ limit: 2 }).map((c) => c.id)).toEqual(['call_4', 'call_3']);
    expect(repo.list({ before: '2026-11-20T12:00:03.000Z' }).map((c) => c.id)).toEqual(['call_2', 'call_1', 'call_0']);
  });

  it('survives reopening: what was written is durable', () => {
    repo.upsert(record({ outcome: 'missed' }), 1);
    repo.close();
    repo = new CallLogRepository(openCallLogDatabase(join(dir.path, 'log.sqlite')));
    expect(repo.get('call_1')?.outcome).toBe('missed');
  });
});
