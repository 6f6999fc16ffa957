import type { CallLogEntry, HistoryEntry, HistoryListRow } from '../../../../preload/contract';

/**
 * Appends a page of history rows to those already shown, leaving out any
 * call already there. A call that rings or ends while a page is being read
 * reaches the list twice: once as a live `log.changed` event (put on top at
 * once) and once inside the page read from the log. The list is keyed by call
 * id, so the second copy is dropped; the one shown is the live one, which is
 * never older than the page.
 */
export const appendPage = <Row extends { id: string }>(shown: readonly Row[], page: readonly Row[]): Row[] => {
  const known = new Set(shown.map((row) => row.id));
  const fresh = page.filter((row) => {
    if (known.has(row.id)) return false;
    known.add(row.id);
    return true;
  });
  return [...shown, ...fresh];
};

/**
 * A list row from what the window learns about a call elsewhere: a live
 * `log.changed` entry or a call's detail (ISO times, all fields). Fields a
 * `log.changed` entry does not carry are kept from `previous` (the row shown
 * so far) or left empty until the row is refreshed.
 */
export const listRowOf = (entry: CallLogEntry | HistoryEntry, previous?: HistoryListRow): HistoryListRow => {
  const known = 'tags' in entry ? entry : previous;
  return {
    id: entry.id,
    createdAt: Date.parse(entry.createdAt),
    lineLabel: entry.lineLabel,
    agentName: known?.agentName ?? null,
    direction: entry.direction,
    peerNumber: entry.peerNumber,
    contactName: entry.contactName ?? known?.contactName ?? null,
    outcome: entry.outcome,
    remoteStatus: entry.remoteStatus,
    durationSeconds: entry.durationSeconds,
    notes: (known?.notes ?? '').slice(0, 200),
    disposition: known?.disposition ?? null,
    tags: known?.tags ?? [],
  };
};
