/**
 * `npm run bench [filter]`: runs every `test/bench/*.bench.ts` in its own
 * process (inside the private desktop session of the npm script). Each
 * benchmark prints one JSON line per result on stdout; progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts') && (!filter || name.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filter ?? '(all)'}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.error(`bench: ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`bench: ${file} failed (exit ${run.status})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
