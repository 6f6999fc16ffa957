/**
 * One CSV cell, the way the export writes it: every text quoted (quotes
 * doubled) and formula-neutralised, numbers as they are, nothing for null.
 * Two versions of one rule: {@link csvCell} in JavaScript (headers and
 * translated words) and {@link csvCellSql}, the same in SQLite's SQL, which
 * formats the call log's own text while SQLite reads it, so a large export
 * does not create and collect a dozen JavaScript strings per row. A property
 * test holds the two to the same output for any text.
 */

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a
 * leading tab or carriage return, per OWASP's CSV-injection advice, also
 * after leading spaces) gets a leading apostrophe, so it shows as the text it
 * is. Numbers are written as numbers and never need it.
 */
export const neutralizeCell = (text: string): string => (/^[\t\r]|^\s*[=+\-@]/.test(text) ? `'${text}` : text);

export const csvCell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutralizeCell(value);
  return `"${safe.includes('"') ? safe.replaceAll('"', '""') : safe}"`;
};

/** Code points JavaScript's `\s` matches: the "leading spaces" of {@link neutralizeCell}. */
const whitespace = [9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279];
/** `\t`, `\r`, `=`, `+`, `-`, `@`: a cell starting with one of these is neutralised at once. */
const formulaStarts = [9, 13, 43, 45, 61, 64];

/** {@link csvCell} of the text SQL expression `x` (a column name), as an SQL expression. */
export const csvCellSql = (x: string): string => {
  const guarded =
    `CASE WHEN unicode(${x}) IN (${formulaStarts.join(', ')})` +
    ` OR (unicode(${x}) IN (${whitespace.join(', ')}) AND ltrim(${x}, char(${whitespace.join(', ')})) GLOB '[=+@-]*')` +
    ` THEN '''' || ${x} ELSE ${x} END`;
  return `iif(${x} IS NULL, '', '"' || replace(${guarded}, '"', '""') || '"')`;
};

/** {@link csvCellSql} of several columns, joined by commas: one SQL value for a run of adjacent cells. */
export const csvCellsSql = (columns: readonly string[]): string => columns.map(csvCellSql).join(" || ',' || ");
