import type { Migration } from '../../../core/call-log/migrations/migration';
import { teamMigration0001 } from './0001-agents';
import { teamMigration0002 } from './0002-team-calls';
import { teamMigration0003 } from './0003-history-search';

/** Every team database migration in order; the last one's version is the schema this server writes. */
export const teamMigrations: readonly Migration[] = [teamMigration0001, teamMigration0002, teamMigration0003];
