import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeVcard, readVcards, unescapeText } from '../../main/core/contacts/vcard-reader';

interface Card {
  name: string;
  tels: string[];
  company: string | null;
  note: string | null;
}

/** RFC 6350 §3.4 text escaping, as a writer applies it. */
const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');

/** Folds a content line every `width` characters (a line break and one space), as writers do at 75 octets. */
const fold = (line: string, width: number, end: string) => {
  const parts: string[] = [];
  for (let i = 0; i < line.length; i += width) parts.push(line.slice(i, i + width));
  return parts.join(`${end} `);
};

interface Style {
  version: '3.0' | '4.0';
  end: string;
  width: number;
  group: boolean;
  lowerCase: boolean;
  photo: boolean;
}

/** A vCard file as phones and address books write one. */
const write = (cards: Card[], style: Style): string => {
  const name = (property: string) => (style.lowerCase ? property.toLowerCase() : property);
  const lines = cards.flatMap((card, index) => [
    'BEGIN:VCARD',
    `${name('VERSION')}:${style.version}`,
    `${name('FN')}:${escape(card.name)}`,
    `${name('N')}:${escape(card.name)};;;;`,
    ...card.tels.map((tel, t) =>
      style.version === '4.0' ? `${style.group ? `item${t}.` : ''}${name('TEL')};VALUE=uri;TYPE="cell,voice":tel:${tel}` : `${style.group ? `item${t}.` : ''}${name('TEL')};TYPE=CELL:${tel}`,
    ),
    ...(card.company !== null ? [`${name('ORG')}:${escape(card.company)};Sales`] : []),
    ...(card.note !== null ? [`${name('NOTE')}:${escape(card.note)}`] : []),
    ...(style.photo ? [`PHOTO;ENCODING=b;TYPE=JPEG:${'QUJD'.repeat(50 + index)}`] : []),
    'X-CUSTOM;X-PARAM="a:b;c":value: with colons',
    'END:VCARD',
  ]);
  return lines.map((line) => fold(line, style.width, style.end)).join(style.end) + style.end;
};

const text = fc.array(fc.constantFrom('a', 'Z', 'ã', 'ç', 'é', ' ', ',', ';', ':', '\\', '\n', '"', '😀', '1'), { minLength: 1, maxLength: 20 }).map((c) => c.join('').trim()).filter((t) => t !== '');
const tel = fc.constantFrom('+55 11 98765-4321', '+5521998877665', '(11) 3333-4444', '+1-415-555-0123');
const card = fc.record({ name: text, tels: fc.array(tel, { maxLength: 3 }), company: fc.option(text, { nil: null }), note: fc.option(text, { nil: null }) });
const style = fc.record({
  version: fc.constantFrom<'3.0' | '4.0'>('3.0', '4.0'),
  end: fc.constantFrom('\r\n', '\n'),
  width: fc.integer({ min: 5, max: 80 }),
  group: fc.boolean(),
  lowerCase: fc.boolean(),
  photo: fc.boolean(),
});

describe('vCard reader', () => {
  it('reads back what a vCard writer wrote: folded, escaped, grouped, any case, photos skipped', () => {
    fc.assert(
      fc.property(fc.array(card, { minLength: 1, maxLength: 6 }), style, (cards, how) => {
        const read = readVcards(write(cards, how));
        expect(read.map((c) => ('problem' in c ? c.problem : { name: c.name, tels: c.tels.map((t) => t.value.replace(/^tel:/, '')), company: c.company, note: c.note }))).toEqual(
          cards.map((c) => ({ name: c.name, tels: c.tels, company: c.company, note: c.note })),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on hostile text, and reports cards in the order of their lines', () => {
    const token = fc.constantFrom('BEGIN:VCARD', 'END:VCARD', 'VERSION:3.0', 'VERSION:2.1', 'FN:', 'TEL;TYPE=cell:', 'N:;;;', ':', ';', '"', '\\', ' ', '\r\n', '\n', 'x', 'ç');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 80 }).map((t) => t.join('')), (hostile) => {
        const cards = readVcards(hostile);
        for (let i = 1; i < cards.length; i++) expect(cards[i]!.line).toBeGreaterThan(cards[i - 1]!.line);
      }),
      { numRuns: 2000 },
    );
  });

  it('loses no card after a broken one: each broken card is one problem on its BEGIN line', () => {
    fc.assert(
      fc.property(fc.array(card, { minLength: 2, maxLength: 6 }), fc.nat(), fc.constantFrom('no-end', 'version', 'malformed'), (cards, at, how) => {
        const blocks = cards.map((c) => write([c], { version: '3.0', end: '\n', width: 200, group: false, lowerCase: false, photo: false }).trimEnd());
        const broken = { 'no-end': 'BEGIN:VCARD\nVERSION:3.0\nFN:Cut short', version: 'BEGIN:VCARD\nVERSION:2.1\nFN:Old\nEND:VCARD', malformed: 'BEGIN:VCARD\nVERSION:3.0\nthis line has no colon\nEND:VCARD' }[how];
        const position = at % (blocks.length + 1);
        blocks.splice(position, 0, broken);
        const read = readVcards(blocks.join('\n'));
        expect(read.filter((c) => 'problem' in c)).toHaveLength(1);
        expect(read.filter((c) => !('problem' in c)).map((c) => ('name' in c ? c.name : ''))).toEqual(cards.map((c) => c.name));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a Google Contacts card and a vCard 4.0 card with N only', () => {
    const file = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Maria da Conceição',
      'N:da Conceição;Maria;;;',
      'TEL;TYPE=HOME:(11) 3333-4444',
      'item1.TEL:+55 11 98765-4321',
      'item1.X-ABLabel:WhatsApp',
      'ORG:Padaria Central;Caixa',
      'NOTE:Prefere ligação à tarde\\, depois das 14h.',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'N:Souza;João;Carlos;Dr.;',
      'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+55-21-99887-7665',
      'END:VCARD',
    ].join('\r\n');
    expect(readVcards(file)).toEqual([
      {
        line: 1,
        name: 'Maria da Conceição',
        tels: [
          { value: '(11) 3333-4444', types: ['home'] },
          { value: '+55 11 98765-4321', types: [] },
        ],
        company: 'Padaria Central',
        note: 'Prefere ligação à tarde, depois das 14h.',
      },
      { line: 11, name: 'Dr. João Carlos Souza', tels: [{ value: 'tel:+55-21-99887-7665', types: ['voice', 'cell'] }], company: null, note: null },
    ]);
  });

  it('says which card is not vCard 3.0 or 4.0, and where a card never ends', () => {
    expect(readVcards('BEGIN:VCARD\nVERSION:2.1\nFN:Old phone\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Cut')).toEqual([
      { line: 1, problem: 'VCARD_VERSION', detail: '2.1' },
      { line: 5, problem: 'VCARD_UNTERMINATED' },
    ]);
  });

  it('unescapes text values and tells vCard from CSV', () => {
    expect(unescapeText('a\\,b\\;c\\nd\\\\e')).toBe('a,b;c\nd\\e');
    expect(looksLikeVcard('\n\nBEGIN:VCARD\r\nVERSION:3.0')).toBe(true);
    expect(looksLikeVcard('Name,Phone\nBEGIN:VCARD')).toBe(false);
  });
});
