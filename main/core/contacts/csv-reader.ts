/**
 * A strict RFC 4180 CSV reader for contact files, written for what people
 * actually export: `,`, `;` (Excel in Brazil) or tab separators, CRLF, LF or
 * CR line ends, quoted fields with `""` escapes and line breaks inside.
 *
 * A record it cannot read is reported with its line number and reading goes
 * on with the next line, so one bad row never costs the rest of the file.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvProblemCode =
  /** A quoted field that is never closed before the end of the file. */
  | 'CSV_UNCLOSED_QUOTE'
  /** Something other than a separator or a line end right after a closing quote (`"ab"c`). */
  | 'CSV_TEXT_AFTER_QUOTE';

export type CsvRecord = { line: number; fields: string[] } | { line: number; problem: CsvProblemCode };

const candidates: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * The separator of a file: the candidate found most often outside quotes in
 * its first line (the header, normally). A comma when none is found.
 */
export const detectDelimiter = (text: string): CsvDelimiter => {
  const counts = new Map<CsvDelimiter, number>(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as CsvDelimiter)) counts.set(char as CsvDelimiter, counts.get(char as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const candidate of candidates) if (counts.get(candidate)! > counts.get(best)!) best = candidate;
  return best;
};

/** Where the next physical line starts after `from` (just past its line end), or the end of the text. */
const nextLineStart = (text: string, from: number): number => {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return text.length;
};

interface Cursor {
  at: number;
  line: number;
}

/** Reads one record starting at the cursor; moves the cursor past it (or, on a problem, to the next line). */
const readRecord = (text: string, delimiter: CsvDelimiter, cursor: Cursor): CsvRecord => {
  const startLine = cursor.line;
  const startAt = cursor.at;
  const fields: string[] = [];
  let field = '';
  let i = cursor.at;
  let line = cursor.line;
  const fail = (problem: CsvProblemCode): CsvRecord => {
    // Start again on the line after the one the record began on: the rows after a broken quote are not lost.
    cursor.at = nextLineStart(text, startAt);
    cursor.line = startLine + 1;
    return { line: startLine, problem };
  };
  for (;;) {
    if (text[i] === '"') {
      // A quoted field: up to the next lone quote.
      i++;
      for (;;) {
        if (i >= text.length) return fail('CSV_UNCLOSED_QUOTE');
        const char = text[i]!;
        if (char === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
        field += char;
        i++;
      }
      const after = text[i];
      // Text after a quote that closed lines later: more likely the quote opened on the first line was never closed.
      if (after !== undefined && after !== delimiter && after !== '\n' && after !== '\r') return fail(line > startLine ? 'CSV_UNCLOSED_QUOTE' : 'CSV_TEXT_AFTER_QUOTE');
    } else {
      // An unquoted field: up to the separator or the line end; a quote inside it is an ordinary character.
      let end = i;
      while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
      field = text.slice(i, end);
      i = end;
    }
    fields.push(field);
    field = '';
    const char = text[i];
    if (char === delimiter) {
      i++;
      continue;
    }
    // A line end or the end of the text closes the record.
    if (char === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else if (char === '\n') i++;
    cursor.at = i;
    cursor.line = line + 1;
    return { line: startLine, fields };
  }
};

/**
 * The records of a CSV text, in order, each with the line it starts on
 * (1-based), read as they are asked for (an import reads a large file a
 * slice at a time). Blank lines are skipped. Never throws.
 */
export function* csvRecords(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): Generator<CsvRecord> {
  const cursor: Cursor = { at: 0, line: 1 };
  while (cursor.at < text.length) {
    const record = readRecord(text, delimiter, cursor);
    if ('fields' in record && record.fields.length === 1 && record.fields[0] === '') continue;
    yield record;
  }
}

/** Every record of a CSV text at once (see {@link csvRecords}). */
export const readCsv = (text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvRecord[] => [...csvRecords(text, delimiter)];
