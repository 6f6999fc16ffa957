import type { Writable } from 'node:stream';

/** A file being written for the user; it appears under `path` only once committed. */
export interface ExportTarget {
  /** Where the finished file will be. */
  path: string;
  stream: Writable;
  /** Call after `stream` finished: the file takes its final name. */
  commit(): Promise<void>;
  /** Removes what was written so far. */
  discard(): Promise<void>;
}

/**
 * The host's "save file" port. The browser host saves into an exports
 * folder in the profile (and the path is shown); the Electron host asks with
 * a save dialog. `null` means the person cancelled.
 */
export interface ExportDestination {
  open(suggestedName: string): Promise<ExportTarget | null>;
}
