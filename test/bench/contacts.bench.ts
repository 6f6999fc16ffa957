/**
 * Contacts benchmarks, on a generated call log (CONTACTS_BENCH_CALLS calls, default 200,000) and a contacts
 * list imported from a generated CSV (CONTACTS_BENCH_N contacts, default 50,000). One JSON line per result:
 *   contacts.migration_ms     migration 0006 on that log (the calls_by_peer index is most of it), once
 *   contacts.import_rows_per_s  a CSV of N rows through the app's import (decode, parse, check, write in batches),
 *                             with the call log naming every earlier call of each new contact
 *   contacts.import_loop_delay_ms  how late a 1 ms timer fires while the import (and the naming of calls that
 *                             follows it) runs: what a web-number call's 20 ms audio frames would wait, p50/p99/max;
 *                             `idle_*`: the same measure with nothing running, same process, just before
 *   contacts.search_ms        the first page (100) of a search, per kind of query, through the repository;
 *                             `baseline_ms`: the same page with no search (walk of the name index), same run
 *   contacts.lookup_us        the name of a number (what every ringing call and logged call asks);
 *                             `baseline_us`: a primary-key read of one call on the same connection
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CallContactNames } from '../../main/core/call-log/call-contact-names';
import { openCallLogDatabase } from '../../main/core/call-log/database';
import { migrations } from '../../main/core/call-log/migrations/index';
import { importContacts } from '../../main/core/contacts/contacts-import';
import { ContactsRepository } from '../../main/core/contacts/contacts-repository';
import { DomainEvents } from '../../main/core/domain-events';
import { silentLogger } from '../../main/core/logging/logger';
import { fillHistory, seededRandom } from '../support/history-generator';
import { report } from './bench-result';

const callCount = Number(process.env.CONTACTS_BENCH_CALLS ?? 200_000);
const contactCount = Number(process.env.CONTACTS_BENCH_N ?? 50_000);
const file = join(mkdtempSync(join(tmpdir(), 'pilot-bench-contacts-')), 'call-log.sqlite');

// A log as a release before contacts left it, then the app's migration on it.
const old = openCallLogDatabase(file, migrations.slice(0, 5));
old.pragma('cache_size = -262144');
console.error(`contacts bench: generating ${callCount} calls`);
fillHistory(old, { count: callCount, seed: 7 });
old.close();
const migrationStart = performance.now();
const db = openCallLogDatabase(file);
report('contacts.migration_ms', 'ms', [performance.now() - migrationStart], { calls: callCount });

// The CSV: the log's unnamed customers first (so importing names their calls), then made-up people.
const random = seededRandom(11);
const names = ['Maria', 'João', 'Ana', 'José', 'Conceição', 'Luís', 'Fernanda', 'Otávio', 'Bruna', 'Caio'];
const surnames = ['Silva', 'Souza', 'Araújo', 'Gonçalves', 'Câmara', 'Ribeiro', 'Martins', 'Lima'];
const companies = ['Padaria Central', 'Mercado Sol', 'Acme Ltda', '', '', ''];
const unnamed = (db.prepare('SELECT DISTINCT peer_number AS n FROM calls WHERE contact_name IS NULL').all() as { n: string }[]).map((r) => r.n);
const rows = ['Nome;Celular;Empresa;Observações'];
for (let i = 0; i < contactCount; i++) {
  const number = unnamed[i] ?? `+55${11 + (i % 80)}9${String(10_000_000 + i * 7).slice(-8)}`;
  rows.push(`${names[Math.floor(random() * names.length)]} ${surnames[Math.floor(random() * surnames.length)]} ${i};${number};${companies[i % companies.length]};cliente ${i}`);
}
const bytes = new TextEncoder().encode(rows.join('\r\n'));

const events = new DomainEvents();
const repository = new ContactsRepository(db);
// The call log follows contact changes as in the app (naming each new contact's earlier calls).
const callNames = new CallContactNames(db, events, () => undefined, silentLogger());
const loopDelay = () => monitorEventLoopDelay({ resolution: 1 });
const idle = loopDelay();
idle.enable();
await new Promise((resolve) => setTimeout(resolve, 2000));
idle.disable();
const busy = loopDelay();
busy.enable();
const importStart = performance.now();
const imported = await importContacts(
  { fileName: 'bench.csv', bytes, existing: 'skip' },
  {
    repository,
    now: () => Date.now(),
    changed: (changes) => events.publish('contacts.changed', { changes }),
  },
);
await callNames.settled();
const importMs = performance.now() - importStart;
busy.disable();
const namedCalls = (db.prepare('SELECT count(*) AS n FROM calls WHERE peer_number IN (SELECT number FROM contacts) AND contact_name IS NOT NULL').get() as { n: number }).n;
report('contacts.import_rows_per_s', 'rows/s', [(contactCount / importMs) * 1000], { added: imported.added, problems: imported.problems.length, ms: Math.round(importMs), callsNamed: namedCalls, bytes: bytes.length });
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
console.log(
  JSON.stringify({
    name: 'contacts.import_loop_delay_ms',
    unit: 'ms',
    n: busy.count,
    p50: ms(busy.percentile(50)),
    p99: ms(busy.percentile(99)),
    max: ms(busy.max),
    idle_p50: ms(idle.percentile(50)),
    idle_p99: ms(idle.percentile(99)),
    idle_max: ms(idle.max),
  }),
);

// Searches: the first page, as the panel asks it, against the plain first page in the same run.
const queries: Record<string, string> = { 'name fragment': 'conceic', 'two letters': 'ma', 'name + company': 'silva padaria', digits: '98765', 'full number': '+55 11 91000 0007', 'no match': 'zzqxw' };
const time = (run: () => void, times = 200): number[] => {
  for (let i = 0; i < 20; i++) run();
  return Array.from({ length: times }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
};
const baseline = time(() => repository.search('', 100));
for (const [kind, query] of Object.entries(queries)) {
  const samples = time(() => repository.search(query, 100));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  report('contacts.search_ms', 'ms', samples, { kind, query, total: repository.search(query, 100).total, baseline_ms: Math.round(median(baseline) * 1000) / 1000, contacts: contactCount });
}

// The lookup every call makes, in microseconds, against a primary-key read of a call.
const numbers = (db.prepare('SELECT number FROM contacts ORDER BY random() LIMIT 1000').all() as { number: string }[]).map((r) => r.number);
const callIds = (db.prepare('SELECT id FROM calls ORDER BY random() LIMIT 1000').all() as { id: string }[]).map((r) => r.id);
const byId = db.prepare('SELECT * FROM calls WHERE id = ?');
let k = 0;
const lookups = time(() => void repository.withNumber(numbers[k++ % numbers.length]!), 5000).map((ms) => ms * 1000);
const reads = time(() => void byId.get(callIds[k++ % callIds.length]!), 5000).map((ms) => ms * 1000);
const sorted = [...reads].sort((a, b) => a - b);
report('contacts.lookup_us', 'us', lookups, { baseline_us: Math.round(sorted[sorted.length >> 1]! * 100) / 100, contacts: contactCount });
db.close();
