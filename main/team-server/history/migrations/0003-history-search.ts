import type { Migration } from '../../../core/call-log/migrations/migration';

/** Accented letters and what search reads them as (the same map is applied to what is typed). */
export const accentFrom = 'áàâãäåāăąéèêëēĕėęěíìîïĩīĭįóòôõöøōŏőúùûüũūŭůűųçćĉċčñńņňýÿśšşţťźżžđÁÀÂÃÄÅĀĂĄÉÈÊËĒĔĖĘĚÍÌÎÏĨĪĬĮÓÒÔÕÖØŌŎŐÚÙÛÜŨŪŬŮŰŲÇĆĈĊČÑŃŅŇÝŸŚŠŞŢŤŹŻŽĐ';
export const accentTo = 'aaaaaaaaaeeeeeeeeeiiiiiiiiooooooooouuuuuuuuuucccccnnnnyysssttzzzdAAAAAAAAAEEEEEEEEEIIIIIIIIOOOOOOOOOUUUUUUUUUUCCCCCNNNNYYSSSTTZZZD';

/**
 * Search like the app's local history (FTS5 trigram, accent- and
 * case-insensitive, any 3+ character fragment): a generated column with
 * number, contact, notes, disposition and tags, lowercased and without
 * accents, under a pg_trgm GIN index that answers `LIKE '%fragment%'`.
 * (pg_trgm is a trusted extension: the database's owner may create it.)
 */
export const teamMigration0003: Migration = {
  version: 3,
  name: 'history-search',
  sql: `
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ALTER TABLE calls ADD COLUMN search text GENERATED ALWAYS AS (
      lower(translate(peer_number || ' ' || coalesce(contact_name, '') || ' ' || notes || ' ' || coalesce(disposition, '') || ' ' || tags,
                      '${accentFrom}', '${accentTo}'))
    ) STORED;
    CREATE INDEX calls_search ON calls USING gin (search gin_trgm_ops);
  `,
};
