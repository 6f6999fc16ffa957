import pg from 'pg';

const int8 = 20;
const numeric = 1700;

/**
 * A connection pool whose 64-bit integers (epoch ms, counts, `seq`) arrive
 * as numbers, as they do from SQLite: every value the history stores is far
 * below 2^53.
 */
export const createPool = (connectionString: string, max = 6): pg.Pool =>
  new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 || oid === numeric ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });

export type Pool = pg.Pool;
