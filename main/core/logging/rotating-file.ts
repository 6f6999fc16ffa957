import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotationOptions {
  /** Size at which the file is rotated. */
  maxBytes: number;
  /** Rotated files kept beside it (`file.1` newest ... `file.N` oldest). */
  keep: number;
}

/** 5 MiB × (1 + 3 kept) bounds the logs at 20 MiB. */
export const defaultRotation: RotationOptions = { maxBytes: 5 * 1024 * 1024, keep: 3 };

/**
 * An append-only log file that rotates by size, so the logs never take more
 * than `maxBytes × (keep + 1)` of disk. Lines are written synchronously and
 * whole (a line is never split across files); pino writes through it.
 */
export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    readonly path: string,
    private readonly options: RotationOptions = defaultRotation,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.fd = openSync(path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** The files holding logs, newest first. */
  files(): string[] {
    return [this.path, ...Array.from({ length: this.options.keep }, (_, i) => `${this.path}.${i + 1}`)].filter((file) => existsSync(file));
  }

  write(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
    return true;
  }

  /** Everything is already on disk (writes are synchronous). */
  flushSync(): void {}

  end(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.path}.${this.options.keep}`, { force: true });
    for (let i = this.options.keep - 1; i >= 1; i--) if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    if (this.options.keep > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = 0;
  }
}
