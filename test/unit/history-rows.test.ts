import { describe, expect, it } from 'vitest';
import { appendPage } from '../../renderer/src/lib/state/history-rows';

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
