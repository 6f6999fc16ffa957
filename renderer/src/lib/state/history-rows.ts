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
