/** Types of the layer matrix in layers.js (read by the generator and by the tests that prove it). */

export interface FolderLayer {
  /** A repository-relative folder, or one file (with its extension). */
  path: string;
  /** Why the layer may import what it may; shown with every refusal. */
  about: string;
  /** Layers it may import besides itself (`x/**`: x and the layers nested in it). */
  mayImport: string[];
  /** Layers it may import with `import type` only. */
  mayImportTypes?: string[];
  /** `false`: no npm package at all. */
  packages?: false;
}

export interface PackageLayer {
  /** An npm package name: only the layers that list it may import it. */
  package: string;
  about: string;
}

export type Layer = FolderLayer | PackageLayer;

export declare const layers: Layer[];
