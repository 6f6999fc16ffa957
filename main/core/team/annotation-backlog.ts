import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logging/logger';
import { PilotApiError } from '../pilot/pilot-error';

/** What the agent wrote about a call, complete (every field), as of `editedAt`. */
export interface PendingAnnotation {
  callId: string;
  notes: string;
  disposition: string | null;
  tags: string[];
  contactName: string | null;
  /** Epoch ms of the edit; the team history keeps the newest edit of a call. */
  editedAt: number;
}

/** Where the backlog survives the app closing (a file in the profile folder). */
export interface BacklogStore {
  load(): Promise<PendingAnnotation[]>;
  save(items: readonly PendingAnnotation[]): Promise<void>;
}

export interface AnnotationBacklogOptions {
  store: BacklogStore;
  upload: (item: PendingAnnotation) => Promise<unknown>;
  clock: Clock;
  logger: Logger;
  /** Wait before retrying after a failed upload while connected. */
  retryMs?: number;
}

/** Answers that will not change on retry: the upload is dropped (and logged) instead of blocking the others. */
const isPermanent = (error: unknown): boolean =>
  error instanceof PilotApiError && error.kind === 'http' && error.status !== undefined && [400, 403, 404, 422].includes(error.status);

/**
 * Notes, dispositions and tags on their way to the team history. Each edit
 * is saved to disk before it counts as made, uploaded in order, and removed
 * only once the server confirmed it; a newer edit of the same call replaces
 * the older one. Uploads are idempotent on the server (newest edit wins),
 * so an upload repeated after a crash or a lost answer is harmless: an agent
 * offline for an hour uploads everything on return, once in effect.
 */
export class AnnotationBacklog {
  private items: PendingAnnotation[] = [];
  private flushing: Promise<void> | null = null;
  private retryTimer: TimerHandle | null = null;
  private loaded = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: AnnotationBacklogOptions) {}

  async load(): Promise<void> {
    this.items = await this.options.store.load();
    this.loaded = true;
  }

  size(): number {
    return this.items.length;
  }

  pending(): readonly PendingAnnotation[] {
    return this.items;
  }

  /** Records an edit durably; uploads it when the team server can be reached. */
  async add(item: PendingAnnotation): Promise<void> {
    if (!this.loaded) await this.load();
    const existing = this.items.find((i) => i.callId === item.callId);
    if (existing && existing.editedAt > item.editedAt) return;
    this.items = [...this.items.filter((i) => i.callId !== item.callId), item];
    await this.persist();
  }

  /** Uploads what is waiting, oldest first; stops at the first failure that may pass (retried later). */
  flush(): Promise<void> {
    this.flushing ??= this.run().finally(() => (this.flushing = null));
    return this.flushing;
  }

  stop(): void {
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async run(): Promise<void> {
    if (!this.loaded) await this.load();
    for (const item of [...this.items]) {
      try {
        await this.options.upload(item);
      } catch (error) {
        if (!isPermanent(error)) {
          this.options.logger.info({ code: (error as { code?: string }).code, waiting: this.items.length }, 'annotation upload will be retried');
          this.scheduleRetry();
          return;
        }
        this.options.logger.warn({ callId: item.callId, code: (error as PilotApiError).code }, 'the team server refused an annotation; it was dropped');
      }
      // Removed only if no newer edit of the call arrived during the upload.
      this.items = this.items.filter((i) => i !== item);
      await this.persist();
    }
  }

  /** Saves one at a time, each the backlog as it is when its turn comes. */
  private persist(): Promise<void> {
    const next = this.saving.catch(() => undefined).then(() => this.options.store.save([...this.items]));
    this.saving = next;
    return next;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, this.options.retryMs ?? 30_000);
  }
}
