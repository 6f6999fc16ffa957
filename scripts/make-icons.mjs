// Renders resources/icons/icon.svg into every icon the installers use, with
// the system Chromium (no image library needed):
//   resources/icons/NxN.png   Linux icon set (hicolor sizes), also the source of the others
//   resources/icons/icon.png  512 px: tray and window icon
//   resources/icons/icon.ico  Windows: 16–256 px, PNG-compressed entries (Vista and later)
//   resources/icons/icon.icns macOS: 16–1024 px, PNG entries (ic04–ic14)
// Run after changing the SVG: node scripts/make-icons.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = 'resources/icons';
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const svg = readFileSync(join(dir, 'icon.svg'));
const work = mkdtempSync(join(tmpdir(), 'pilot-icons-'));

export const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
/** icns entry types holding PNG data, by pixel size (the @2x types share sizes with larger 1x ones). */
const icnsTypes = [
  ['ic04', 16],
  ['ic05', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

const render = (size) => {
  const page = join(work, 'page.html');
  writeFileSync(
    page,
    `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${svg.toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  const out = join(work, `${size}.png`);
  const run = spawnSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', `--window-size=${size},${size}`, `--screenshot=${out}`, `file://${page}`],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (run.status !== 0) throw new Error(`chromium could not render ${size}px: ${run.stderr}`);
  return readFileSync(out);
};

const pngs = new Map();
for (const size of new Set([...linuxSizes, ...icoSizes, ...icnsTypes.map(([, s]) => s)])) pngs.set(size, render(size));

for (const size of linuxSizes) writeFileSync(join(dir, `${size}x${size}.png`), pngs.get(size));
writeFileSync(join(dir, 'icon.png'), pngs.get(512));

// ICO: 6-byte header, 16-byte directory entry per image, then the PNG data.
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = 6 + 16 * icoSizes.length;
const entries = icoSizes.map((size) => {
  const data = pngs.get(size);
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size >= 256 ? 0 : size, 0);
  entry.writeUInt8(size >= 256 ? 0 : size, 1);
  entry.writeUInt16LE(1, 4);
  entry.writeUInt16LE(32, 6);
  entry.writeUInt32LE(data.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += data.length;
  return entry;
});
writeFileSync(join(dir, 'icon.ico'), Buffer.concat([header, ...entries, ...icoSizes.map((s) => pngs.get(s))]));

// ICNS: 'icns' + total length, then per entry its type, length (including the 8-byte head) and PNG data.
const chunks = icnsTypes.map(([type, size]) => {
  const data = pngs.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + chunks.reduce((sum, c) => sum + c.length, 0), 4);
writeFileSync(join(dir, 'icon.icns'), Buffer.concat([icnsHead, ...chunks]));

rmSync(work, { recursive: true, force: true });
console.error(`icons written to ${dir}/`);
