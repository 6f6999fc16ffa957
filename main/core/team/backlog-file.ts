import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../logging/logger';
import type { BacklogStore, PendingAnnotation } from './annotation-backlog';

/**
 * The annotation backlog as a JSON file (profile folder, readable by the
 * user only). Each save writes a temporary file and renames it over the old
 * one, so a crash mid-save leaves the previous backlog, never half of one.
 * A damaged file is set aside beside it and the backlog starts empty.
 */
export class FileBacklogStore implements BacklogStore {
  constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<PendingAnnotation[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const items = JSON.parse(text) as unknown;
      if (!Array.isArray(items)) throw new Error('not a list');
      return items.filter((i): i is PendingAnnotation => Boolean(i) && typeof i === 'object' && typeof (i as PendingAnnotation).callId === 'string');
    } catch {
      const aside = `${this.file}.damaged-${Date.now()}`;
      await rename(this.file, aside);
      this.logger.error({ movedTo: aside }, 'the team annotation backlog was damaged and was set aside');
      return [];
    }
  }

  async save(items: readonly PendingAnnotation[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify(items), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}

/** The backlog kept in memory only (no profile folder): lost when the app closes, so used where nothing durable exists. */
export class MemoryBacklogStore implements BacklogStore {
  private items: PendingAnnotation[] = [];

  async load(): Promise<PendingAnnotation[]> {
    return [...this.items];
  }

  async save(items: readonly PendingAnnotation[]): Promise<void> {
    this.items = [...items];
  }
}
