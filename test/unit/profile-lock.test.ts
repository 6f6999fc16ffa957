import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { lockAddress, lockProfile, ProfileInUse } from '../../main/runtime/profile-lock';
import { tempDir } from '../support/temp-dir';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => (temp = tempDir('pilot-lock-')));
afterEach(() => temp.remove());

test('a second lock on the same profile folder is refused with a sentence; after release the folder can be locked again', async () => {
  const first = await lockProfile(temp.path);
  const second = lockProfile(temp.path);
  await expect(second).rejects.toBeInstanceOf(ProfileInUse);
  await expect(second).rejects.toThrow(/already running with the profile folder .*--data-dir/);
  // Another folder is another profile.
  const otherFolder = join(temp.path, 'other');
  mkdirSync(otherFolder);
  const other = await lockProfile(otherFolder);
  await other.release();

  await first.release();
  const again = await lockProfile(temp.path);
  await again.release();
});

test('a copy killed with SIGKILL leaves its socket file behind, and the next start takes the profile over', async () => {
  const moduleUrl = new URL('../../main/runtime/profile-lock.ts', import.meta.url).href;
  const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `const { lockProfile } = await import(${JSON.stringify(moduleUrl)}); await lockProfile(${JSON.stringify(temp.path)}); console.log('locked'); setInterval(() => {}, 1000);`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    holder.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  await expect(lockProfile(temp.path)).rejects.toBeInstanceOf(ProfileInUse);

  holder.kill('SIGKILL');
  await new Promise((resolve) => holder.once('exit', resolve));
  expect(existsSync(lockAddress(temp.path))).toBe(true);
  const taken = await lockProfile(temp.path);
  await taken.release();
});

test('a profile path too long for a Unix socket locks through the temp folder instead', async () => {
  const deep = join(temp.path, 'a'.repeat(60), 'b'.repeat(60));
  mkdirSync(deep, { recursive: true });
  expect(lockAddress(deep).startsWith(deep)).toBe(false);
  expect(lockAddress(temp.path)).toBe(join(temp.path, 'instance.sock'));
  const lock = await lockProfile(deep);
  await expect(lockProfile(deep)).rejects.toBeInstanceOf(ProfileInUse);
  await lock.release();
});
