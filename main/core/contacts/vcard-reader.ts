/**
 * A strict reader of vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) files, for the
 * properties a contact here keeps: FN (or N), TEL, ORG and NOTE. Lines are
 * unfolded, text values unescaped, property groups (`item1.TEL`) and
 * parameters accepted. PHOTO and everything else is skipped unread.
 *
 * A card it cannot read is reported with the line it begins on and reading
 * goes on at the next `BEGIN:VCARD`, so one bad card never costs the others.
 */

export type VcardProblemCode =
  /** A card without `END:VCARD` before the next card or the end of the file. */
  | 'VCARD_UNTERMINATED'
  /** `VERSION` is missing or not 3.0 / 4.0 (2.1 is a different format). */
  | 'VCARD_VERSION'
  /** A line that is not `NAME[;params]:value`. */
  | 'VCARD_LINE_MALFORMED';

export interface VcardTel {
  value: string;
  /** TYPE parameter values, lower case (`cell`, `work`, `voice`, ...). */
  types: string[];
}

export interface VcardContact {
  line: number;
  /** FN, else the given and family names of N, else null. */
  name: string | null;
  tels: VcardTel[];
  company: string | null;
  note: string | null;
}

export type VcardCard = VcardContact | { line: number; problem: VcardProblemCode; detail?: string };

interface PhysicalLine {
  line: number;
  text: string;
}

/** RFC 6350 §3.2: a line break followed by a space or a tab continues the previous line. */
export const unfold = (text: string): PhysicalLine[] => {
  const lines: PhysicalLine[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const previous = lines.at(-1);
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && previous) previous.text += raw.slice(1);
    else lines.push({ line: index + 1, text: raw });
  });
  return lines;
};

/** `\n`, `\N`, `\,`, `\;`, `\\` as the characters they stand for (RFC 6350 §3.4). */
export const unescapeText = (value: string): string => value.replace(/\\([nN,;\\:])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));

/** Splits a structured value (N, ORG) on unescaped `;` (an escape is a pair: `\\;` is a backslash, then a split), each component unescaped. */
const components = (value: string): string[] => {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === ';') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map(unescapeText);
};

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

/** `item1.TEL;TYPE=cell,voice;PREF=1:+55 11 98765-4321`; null when the line has no name and colon. */
export const parseProperty = (text: string): Property | null => {
  // The value starts at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const [head, ...rawParams] = text.slice(0, colon).split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const name = head!.replace(/^[A-Za-z0-9-]+\./, '').toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  for (const param of rawParams) {
    const equals = param.indexOf('=');
    // vCard 2.1 style bare types (`TEL;CELL:`) read as TYPE values.
    const key = equals === -1 ? 'TYPE' : param.slice(0, equals).toUpperCase();
    const values = (equals === -1 ? param : param.slice(equals + 1)).split(',').map((v) => v.replace(/^"|"$/g, '').toLowerCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value: text.slice(colon + 1) };
};

const nameFromN = (value: string): string | null => {
  const [family = '', given = '', additional = '', prefix = '', suffix = ''] = components(value).map((c) => c.replaceAll(',', ' ').trim());
  const name = [prefix, given, additional, family, suffix].filter(Boolean).join(' ');
  return name || null;
};

/** Reads the lines of one card (between BEGIN and END) into a contact, or the first problem found. */
const readCard = (line: number, body: PhysicalLine[]): VcardCard => {
  let version: string | null = null;
  let fn: string | null = null;
  let n: string | null = null;
  let company: string | null = null;
  let note: string | null = null;
  const tels: VcardTel[] = [];
  for (const physical of body) {
    if (physical.text.trim() === '') continue;
    const property = parseProperty(physical.text);
    if (!property) return { line, problem: 'VCARD_LINE_MALFORMED', detail: String(physical.line) };
    const text = () => unescapeText(property.value).trim();
    switch (property.name) {
      case 'VERSION':
        version = property.value.trim();
        break;
      case 'FN':
        fn ??= text() || null;
        break;
      case 'N':
        n ??= nameFromN(property.value);
        break;
      case 'ORG':
        company ??= components(property.value)[0]?.trim() || null;
        break;
      case 'NOTE':
        note = [note, text()].filter(Boolean).join('\n') || null;
        break;
      case 'TEL':
        tels.push({ value: text(), types: property.params.get('TYPE') ?? [] });
        break;
    }
  }
  if (version !== '3.0' && version !== '4.0') return { line, problem: 'VCARD_VERSION', detail: version ?? '' };
  return { line, name: fn ?? n, tels, company, note };
};

/** The cards of a vCard text, in order, each with the line its `BEGIN:VCARD` is on, read as they are asked for. Never throws. */
export function* vcards(text: string): Generator<VcardCard> {
  let open: { line: number; body: PhysicalLine[] } | null = null;
  for (const physical of unfold(text)) {
    const marker = physical.text.trim().toUpperCase();
    if (marker === 'BEGIN:VCARD') {
      if (open) yield { line: open.line, problem: 'VCARD_UNTERMINATED' };
      open = { line: physical.line, body: [] };
    } else if (marker === 'END:VCARD') {
      if (open) yield readCard(open.line, open.body);
      open = null;
    } else if (open) {
      open.body.push(physical);
    }
  }
  if (open) yield { line: open.line, problem: 'VCARD_UNTERMINATED' };
}

/** Every card of a vCard text at once (see {@link vcards}). */
export const readVcards = (text: string): VcardCard[] => [...vcards(text)];

/** Whether a text looks like vCard rather than CSV: its first non-blank line opens a card. */
export const looksLikeVcard = (text: string): boolean => /^\s*BEGIN:VCARD\s*$/im.test(text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '');
