import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The profile holds the call log (customers' numbers, notes), the logs and
 * the settings: on a machine several people use, none of it is for them.
 * Folders are 0700 and files 0600 whatever the umask, and files an older
 * version left readable by others are tightened when the app starts.
 * (Windows keeps profile folders per user already; there these are no-ops.)
 */
export const privateFolder = (path: string): string => {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(path, 0o700);
  return path;
};

/** Creates `path` empty and 0600 if missing, else makes it 0600. SQLite gives its WAL and SHM files the mode of the database. */
export const privateFile = (path: string): string => {
  if (existsSync(path)) {
    if (process.platform !== 'win32') chmodSync(path, 0o600);
  } else {
    closeSync(openSync(path, 'a', 0o600));
  }
  return path;
};

/**
 * A folder only this user can use, outside any profile, for the few things
 * that are per user rather than per profile (the launcher's note on fetching
 * Electron, the lock socket of a profile whose path is too long for a
 * socket): `$XDG_RUNTIME_DIR/pilot-softphone` where the system provides one,
 * else a folder of this user's own in the temp folder, refused if another
 * user made it first.
 */
export const privateRuntimeDir = (env: NodeJS.ProcessEnv = process.env): string => {
  const uid = process.getuid?.();
  const dir = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'pilot-softphone') : join(tmpdir(), uid === undefined ? 'pilot-softphone' : `pilot-softphone-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (uid !== undefined) {
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== uid) throw new Error(`${dir} belongs to another user; refusing to use it`);
    if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  }
  return dir;
};
