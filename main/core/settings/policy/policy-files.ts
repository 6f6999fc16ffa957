/** Reading root-owned policy files, as a port so tests point it at temporary folders. */
export interface PolicyFiles {
  /** The file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  /** File names in a folder, or an empty list when the folder does not exist. */
  list(dir: string): Promise<string[]>;
}

/** Joins with the folder's own separator (the core has no node:path). */
export const joinPath = (dir: string, name: string): string => `${dir.replace(/[\\/]+$/, '')}/${name}`;
