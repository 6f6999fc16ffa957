import { createReadStream, createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { ZipFile } from 'yazl';
import { redactDeep, redactText } from '../logging/redaction';

/** What goes into a diagnostics bundle; every value is redacted again on the way in. */
export interface DiagnosticsContent {
  /** Log files, newest first; each line is re-checked for secrets. */
  logFiles: string[];
  /** Named JSON documents: settings (no keys exist there), policy, updates, versions, OS, audio devices, calls. */
  documents: Record<string, unknown>;
}

/** A log file with every line passed through the redaction again (logs written by older versions included). */
const redactedLog = async (file: string): Promise<Buffer> => {
  const lines: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) lines.push(redactText(line));
  return Buffer.from(lines.length ? `${lines.join('\n')}\n` : '');
};

/**
 * Writes a support bundle as a zip, atomically (a temp file renamed into
 * place): `logs/*`, one JSON file per document, and a README naming them.
 * Nothing secret goes in: documents and log lines are redacted deep on the
 * way, whatever their source.
 */
export const writeDiagnosticsBundle = async (path: string, content: DiagnosticsContent): Promise<{ path: string; bytes: number; files: string[] }> => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const zip = new ZipFile();
  const files: string[] = [];
  const add = (name: string, data: Buffer) => {
    zip.addBuffer(data, name, { mtime: new Date(), mode: 0o600 });
    files.push(name);
  };
  for (const [name, document] of Object.entries(content.documents)) add(`${name}.json`, Buffer.from(`${JSON.stringify(redactDeep(document), null, 2)}\n`));
  for (const file of content.logFiles) add(`logs/${basename(file)}`, await redactedLog(file));
  add('README.txt', Buffer.from(`Pilot Softphone diagnostics, ${new Date().toISOString()}\nNo API keys or tokens are included.\n\n${files.join('\n')}\n`));
  const temp = `${path}.partial`;
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(temp, { mode: 0o600 });
    out.on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject).pipe(out);
    zip.end();
  });
  renameSync(temp, path);
  return { path, bytes: statSync(path).size, files };
};
