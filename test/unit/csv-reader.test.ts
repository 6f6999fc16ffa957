import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv, type CsvDelimiter } from '../../main/core/contacts/csv-reader';

/** Characters that break naive CSV readers, with plain letters and accents so fields still look like data. */
const nasty = fc.constantFrom('a', 'b', 'Z', 'é', 'ç', '😀', ' ', '"', ',', ';', '\t', '\n', '\r', '\r\n', '0', '9');
const field = fc.array(nasty, { maxLength: 12 }).map((chars) => chars.join(''));
const delimiter = fc.constantFrom<CsvDelimiter>(',', ';', '\t');
const lineEnd = fc.constantFrom('unix', 'windows', 'mac') as fc.Arbitrary<'unix' | 'windows' | 'mac'>;
/** Records as a file holds them: a blank record ([''] only) is a blank line, which readers skip. */
const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }).map((rows) => rows.filter((row) => !(row.length === 1 && row[0] === '')));

const fieldsOf = (text: string, d: CsvDelimiter) => readCsv(text, d).map((r) => ('fields' in r ? r.fields : r.problem));

describe('CSV reader', () => {
  it('reads what a CSV writer wrote, whatever the fields hold, with any separator and line end', () => {
    fc.assert(
      fc.property(records, delimiter, lineEnd, (rows, d, end) => {
        const text = stringify(rows, { delimiter: d, record_delimiter: end, quoted_match: /[\r\n]/ });
        expect(fieldsOf(text, d)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with csv-parse on every well-formed file', () => {
    fc.assert(
      fc.property(records, delimiter, (rows, d) => {
        const text = stringify(rows, { delimiter: d, quoted_match: /[\r\n]/ });
        const reference = parse(text, { delimiter: d, relax_column_count: true, skip_empty_lines: true }) as string[][];
        expect(fieldsOf(text, d)).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on hostile text, and reports records in the order of their lines', () => {
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 200 }).map((c) => c.join('')), delimiter, (text, d) => {
        const read = readCsv(text, d);
        const lines = text.split(/\r\n|\n|\r/).length;
        for (let i = 0; i < read.length; i++) {
          expect(read[i]!.line).toBeGreaterThanOrEqual(1);
          expect(read[i]!.line).toBeLessThanOrEqual(lines);
          if (i > 0) expect(read[i]!.line).toBeGreaterThan(read[i - 1]!.line);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a file without quotes exactly as its lines split on the separator', () => {
    const plain = fc.constantFrom('a', 'ç', ' ', ',', ';', '\n', '\r\n', '1');
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 100 }).map((c) => c.join('')), delimiter, (text, d) => {
        const expected = text
          .split(/\r\n|\n|\r/)
          .filter((line) => line !== '')
          .map((line) => line.split(d));
        expect(fieldsOf(text, d)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('loses no row after a broken one: each broken row is one problem on its line, and every good row is still read', () => {
    const good = fc.array(fc.array(fc.constantFrom('a', 'é', ' ', '1', ','), { minLength: 1, maxLength: 8 }).map((c) => c.join('')), { minLength: 1, maxLength: 4 });
    const broken = fc.constantFrom('"never closed; at all', 'Ana;"quoted"x;1', '"a""b"c');
    fc.assert(
      fc.property(fc.array(good, { minLength: 1, maxLength: 10 }), fc.array(fc.tuple(fc.nat(), broken), { minLength: 1, maxLength: 3 }), (rows, breaks) => {
        const lines = rows.map((row) => stringify([row], { delimiter: ';', record_delimiter: '' }));
        for (const [at, line] of breaks) lines.splice(at % (lines.length + 1), 0, line);
        const read = readCsv(lines.join('\n'), ';');
        const expected = lines.map((line, index) => ({ line: index + 1, isBroken: breaks.some(([, b]) => b === line) }));
        expect(read.map((r) => ({ line: r.line, isBroken: 'problem' in r }))).toEqual(expected);
        expect(read.filter((r) => 'fields' in r).map((r) => ('fields' in r ? r.fields : []))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('says what is wrong with a broken row, and where', () => {
    const text = 'Nome;Celular\n"Ana;11 98765-4321\nBia;11 91234-5678\n"Caio"x;21 99999-0000\nDani;31 98888-7777';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['Nome', 'Celular'] },
      { line: 2, problem: 'CSV_UNCLOSED_QUOTE' },
      { line: 3, fields: ['Bia', '11 91234-5678'] },
      { line: 4, problem: 'CSV_TEXT_AFTER_QUOTE' },
      { line: 5, fields: ['Dani', '31 98888-7777'] },
    ]);
  });

  it('counts lines inside quoted fields, so the next record names its real line', () => {
    expect(readCsv('a,"one\ntwo\r\nthree"\nb,c').map((r) => r.line)).toEqual([1, 4]);
  });

  it('finds the separator from the first line: Excel in Brazil writes semicolons, some exports tabs', () => {
    expect(detectDelimiter('Nome;Telefone;Empresa\nAna, a Grande;11 98765-4321;X')).toBe(';');
    expect(detectDelimiter('Name\tPhone\nA\t1')).toBe('\t');
    expect(detectDelimiter('"Name; with semicolons";Phone,x,y')).toBe(',');
    expect(detectDelimiter('Name')).toBe(',');
  });
});
