import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/app-process';

/**
 * A build of another version of the app (by default `main`, as it is before
 * the branch being measured), made once into .bench-data/ from `git archive`
 * with this checkout's node_modules, so a benchmark can measure it and the
 * current build in the same run.
 */
export const baselineBuild = (ref = process.env.BENCH_BASELINE_REF ?? 'main'): { root: string; ref: string; commit: string } => {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const root = join(repoRoot, '.bench-data', `baseline-${commit.slice(0, 12)}`);
  if (!existsSync(join(root, 'dist/main/web.js'))) {
    console.error(`bench: building ${ref} (${commit.slice(0, 12)}) as the baseline`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${commit} | tar -x -C "${root}"`], { cwd: repoRoot, stdio: 'inherit' });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return { root, ref, commit };
};
