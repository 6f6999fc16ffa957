/** How an imported file's bytes were read. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The text of an imported file. A byte-order mark says UTF-8 or UTF-16;
 * without one, UTF-8 when the bytes are valid UTF-8, else Windows-1252:
 * Excel on Windows saves "CSV" in the system's code page, which for
 * Portuguese and Spanish is 1252 (a superset of Latin-1), so `José` and
 * `Conceição` survive either way.
 */
export const decodeFileText = (bytes: Uint8Array): { text: string; encoding: TextEncoding } => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
};
