import { describe, expect, it } from 'vitest';
import { appendPage, listRowOf } from '../../renderer/src/lib/state/history-rows';

const row = (id: string, notes = '') => ({ id, notes });

describe('appending a history page', () => {
  it('keeps the order of what was shown, then the page', () => {
    expect(appendPage([row('a'), row('b')], [row('c'), row('d')]).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves out a call that a live event already put on the list while the page was read', () => {
    const live = row('call_1', 'from the event');
    const merged = appendPage([live], [row('call_1', 'from the page'), row('call_0')]);
    expect(merged).toEqual([live, row('call_0')]);
  });

  it('never returns the same call twice, even if a page repeats one', () => {
    const merged = appendPage([row('a')], [row('b'), row('b'), row('a')]);
    expect(merged.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('does not change the list it was given', () => {
    const shown = [row('a')];
    appendPage(shown, [row('b')]);
    expect(shown).toEqual([row('a')]);
  });
});

describe('a list row from a live event or a call detail', () => {
  const logged = {
    id: 'call_9',
    externalId: null,
    accountId: 'line_1',
    lineLabel: 'Suporte',
    provider: 'EVO_GO' as const,
    direction: 'INBOUND' as const,
    peerNumber: '+5511987654321',
    contactName: null,
    outcome: 'answered' as const,
    remoteStatus: 'COMPLETED',
    createdAt: '2026-11-20T12:00:00.000Z',
    connectedAt: '2026-11-20T12:00:05.000Z',
    endedAt: '2026-11-20T12:01:05.000Z',
    durationSeconds: 60,
  };

  it('carries the time as epoch ms, as the list rows of a page do', () => {
    expect(listRowOf(logged)).toEqual({
      id: 'call_9',
      createdAt: Date.parse('2026-11-20T12:00:00.000Z'),
      lineLabel: 'Suporte',
      agentName: null,
      direction: 'INBOUND',
      peerNumber: '+5511987654321',
      contactName: null,
      outcome: 'answered',
      remoteStatus: 'COMPLETED',
      durationSeconds: 60,
      notes: '',
      disposition: null,
      tags: [],
    });
  });

  it('keeps what people added (notes, tags, contact) when an event updates a row it does not carry them for', () => {
    const shown = { ...listRowOf(logged), agentName: 'Ana', contactName: 'Maria', notes: 'ligar amanhã', disposition: 'venda', tags: ['vip'] };
    const updated = listRowOf({ ...logged, outcome: 'answered', durationSeconds: 75 }, shown);
    expect(updated).toMatchObject({ agentName: 'Ana', contactName: 'Maria', notes: 'ligar amanhã', disposition: 'venda', tags: ['vip'], durationSeconds: 75 });
  });

  it('cuts the notes of a call detail to the list preview', () => {
    const detail = { ...logged, agentName: 'Ana', contactName: null, ringingAt: null, notes: 'x'.repeat(500), disposition: null, tags: [], source: 'live' as const };
    expect(listRowOf(detail).notes).toHaveLength(200);
  });
});
