import { migration0001 } from './0001-calls';
import { migration0002 } from './0002-call-details';
import { migration0003 } from './0003-history-search';
import { migration0004 } from './0004-stats-index';
import { migration0005 } from './0005-stats-index-direction';
import { migration0006 } from './0006-contacts';
import type { Migration } from './migration';

/** Every migration in order; the last one's version is the schema this app writes. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];
