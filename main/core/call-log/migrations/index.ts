import { migration0001 } from './0001-calls';
import type { Migration } from './migration';

/** Every migration in order; the last one's version is the schema this app writes. */
export const migrations: readonly Migration[] = [migration0001];
