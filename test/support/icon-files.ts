/** Reads just enough of PNG, ICO and ICNS files to tell which image sizes they hold. */

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws on anything that is not a PNG. */
export const pngSize = (data: Buffer): { width: number; height: number } => {
  if (!data.subarray(0, 8).equals(pngSignature) || data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
};

/** The images of an .ico file (a width byte of 0 means 256). */
export const icoEntries = (data: Buffer): { width: number; png: boolean }[] => {
  if (data.readUInt16LE(0) !== 0 || data.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  return Array.from({ length: data.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    const size = data.readUInt32LE(entry + 8);
    const offset = data.readUInt32LE(entry + 12);
    const image = data.subarray(offset, offset + size);
    const png = image.subarray(0, 8).equals(pngSignature);
    return { width: png ? pngSize(image).width : data.readUInt8(entry) || 256, png };
  });
};

/** The typed entries of an .icns file. */
export const icnsEntries = (data: Buffer): { type: string; data: Buffer }[] => {
  if (data.toString('ascii', 0, 4) !== 'icns' || data.readUInt32BE(4) !== data.length) throw new Error('not an ICNS');
  const entries: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset + 4);
    entries.push({ type: data.toString('ascii', offset, offset + 4), data: data.subarray(offset + 8, offset + length) });
    offset += length;
  }
  return entries;
};
