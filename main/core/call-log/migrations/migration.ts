/** A schema step. `sql` runs inside the migration's transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
