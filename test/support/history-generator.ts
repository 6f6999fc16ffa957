import { openCallLogDatabase, type CallLogDatabase } from '../../main/core/call-log/database';

/**
 * A deterministic call history for tests and benchmarks: the same seed and
 * size always give the same rows, written through the app's own migrations
 * (so search triggers, checks and indexes are the real ones).
 */
export interface GeneratorOptions {
  count: number;
  seed?: number;
  /** Newest call time (epoch ms); the history spreads over `days` before it. */
  endMs?: number;
  days?: number;
  /** Also write a timeline for every call (about three events each). */
  timeline?: boolean;
  onProgress?: (written: number) => void;
}

/** The lines of the generated call center. */
export const generatedLines = [
  { id: 'line_vendas', label: 'Vendas', provider: 'META', agents: ['Ana Beatriz', 'João Pedro'] },
  { id: 'line_suporte', label: 'Suporte', provider: 'EVO_GO', agents: ['Márcia Conceição', 'Luís Otávio', 'Fernanda Araújo'] },
  { id: 'line_cobranca', label: 'Cobrança', provider: 'META', agents: ['Gonçalo Ribeiro'] },
  { id: 'line_web', label: 'Atendimento Web', provider: 'EVO_GO', agents: ['Letícia Câmara', 'Inês Simões'] },
  { id: 'line_posvenda', label: 'Pós-venda', provider: 'META', agents: ['André Luís'] },
] as const;

const firstNames = ['João', 'Maria', 'José', 'Ana', 'Antônio', 'Francisca', 'Luís', 'Márcia', 'Sérgio', 'Cecília', 'Otávio', 'Lúcia', 'Fábio', 'Inês', 'Débora', 'Caio', 'Bruna', 'Rafael', 'Vitória', 'Thiago'];
const lastNames = ['Silva', 'Conceição', 'Araújo', 'Gonçalves', 'Simões', 'Magalhães', 'Câmara', 'Brandão', 'Estêvão', 'Souza', 'Pereira', 'Lima', 'Ribeiro', 'Carvalho', 'Gomes', 'Martins', 'Romão', 'Assunção'];
const notePhrases = [
  'Cliente pediu retorno amanhã de manhã',
  'Dúvida sobre a fatura de março; explicado o cálculo',
  'Reclamação sobre atraso na entrega, protocolo aberto',
  'Quer mudar o plano para o anual',
  'Ligação caiu no meio da conversa',
  'Pediu segunda via do boleto',
  'Elogiou o atendimento da equipe',
  'Solicitou cancelamento; ofereci desconto',
  'Endereço de entrega atualizado',
  'Confirmou o pagamento via Pix',
];
const dispositions = ['resolvido', 'retornar ligação', 'venda', 'sem interesse', 'reclamação'];
const tagPool = ['vip', 'urgente', 'novo-cliente', 'cobrança', 'reclamação', 'pós-venda'];
const areaCodes = ['11', '21', '31', '41', '48', '51', '61', '71', '81', '85'];
/** Relative call volume per hour of day (business hours heavy). */
const hourWeights = [1, 0, 0, 0, 0, 1, 2, 5, 12, 16, 17, 15, 10, 12, 16, 17, 15, 12, 8, 5, 3, 2, 2, 1];

/** mulberry32: small, fast and fully determined by its seed. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const outcomeTable = {
  INBOUND: [['answered', 62], ['missed', 20], ['declined', 5], ['answered-elsewhere', 8], ['failed', 3], ['unknown', 2]],
  OUTBOUND: [['answered', 70], ['missed', 20], ['failed', 10]],
} as const;
const statusOf: Record<string, string> = {
  answered: 'COMPLETED',
  missed: 'MISSED',
  declined: 'REJECTED',
  'answered-elsewhere': 'COMPLETED',
  failed: 'FAILED',
  unknown: 'QUEUED_FOR_REVIEW',
};

/**
 * Writes `options.count` calls into a new call-log file at `file`, as a bulk
 * load: the schema comes from the app's own migrations, but its indexes and
 * search triggers are set aside while the rows go in (in time order, into
 * bare tables, without a journal) and are built afterwards from the same
 * SQL, the search index in one `rebuild`. Building an index once over sorted
 * data is far cheaper than updating ten of them and the full-text index on
 * every insert: a million calls take minutes instead of most of an hour.
 */
export const generateHistory = (file: string, options: GeneratorOptions): CallLogDatabase => {
  const db = openCallLogDatabase(file);
  db.pragma('cache_size = -1048576');
  const deferred = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ('calls', 'call_events') ORDER BY type, name")
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const { type, name } of deferred) db.exec(`DROP ${type.toUpperCase()} ${name}`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  fillHistory(db, { ...options, analyze: false });
  // Indexes first, then the search index over the finished table, then the triggers that keep it current.
  for (const { sql } of deferred.filter((d) => d.type === 'index')) db.exec(sql);
  db.exec("INSERT INTO calls_search (calls_search) VALUES ('rebuild')");
  for (const { sql } of deferred.filter((d) => d.type === 'trigger')) db.exec(sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
};

/** One generated call, with the call log's fields (times in epoch ms, tags as JSON). */
export interface GeneratedCall {
  id: string;
  externalId: string;
  accountId: string;
  lineLabel: string;
  agentName: string;
  provider: string;
  direction: 'INBOUND' | 'OUTBOUND';
  peerNumber: string;
  contactName: string | null;
  outcome: string;
  remoteStatus: string;
  createdAt: number;
  ringingAt: number;
  connectedAt: number | null;
  endedAt: number;
  durationSeconds: number | null;
  notes: string;
  disposition: string | null;
  tags: string;
}

/** The generated calls, oldest first, one at a time (the same seed and size give the same calls, whatever is written from them). */
export function* generatedCalls(options: Pick<GeneratorOptions, 'count' | 'seed' | 'endMs' | 'days'>): Generator<GeneratedCall> {
  const random = seededRandom(options.seed ?? 20250630);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T extends string>(table: readonly (readonly [T, number])[]): T => {
    let r = random() * table.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of table) if ((r -= weight) < 0) return value;
    return table[0]![0];
  };
  const endMs = options.endMs ?? Date.UTC(2025, 5, 30, 21, 0, 0);
  const days = options.days ?? 365;
  const dayMs = 86_400_000;

  const customerCount = Math.max(50, Math.floor(options.count / 5));
  const customers = Array.from({ length: customerCount }, () => ({
    number: `+55${pick(areaCodes)}9${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
    name: random() < 0.6 ? `${pick(firstNames)} ${pick(lastNames)}` : null,
  }));

  const times = new Float64Array(options.count);
  for (let i = 0; i < options.count; i += 1) {
    const day = Math.floor(random() * days);
    const hour = weighted(hourWeights.map((w, h) => [String(h), w] as const));
    times[i] = endMs - (days - day) * dayMs + Number(hour) * 3_600_000 + Math.floor(random() * 3_600_000);
  }
  times.sort();

  for (let i = 0; i < options.count; i += 1) {
    const line = pick(generatedLines);
    const customer = pick(customers);
    const direction = random() < 0.8 ? 'INBOUND' : 'OUTBOUND';
    const outcome = weighted(outcomeTable[direction]);
    const createdAt = Math.round(times[i]!);
    const ringingAt = createdAt + Math.floor(random() * 1500);
    const talked = outcome === 'answered' || outcome === 'answered-elsewhere';
    const connectedAt = talked ? ringingAt + 2000 + Math.floor(random() * 25_000) : null;
    const durationSeconds = talked ? Math.min(7200, Math.max(1, Math.round(Math.exp(4.6 + random() * 1.6 + random() * 0.8) / 3))) : null;
    const endedAt = connectedAt !== null ? connectedAt + durationSeconds! * 1000 : ringingAt + 5000 + Math.floor(random() * 40_000);
    const id = `call_${(options.seed ?? 0).toString(36)}${i.toString(36).padStart(8, '0')}`;
    yield {
      id,
      externalId: line.provider === 'META' ? `wacid.gen${i}` : `GEN${i}`,
      accountId: line.id,
      lineLabel: line.label,
      agentName: pick(line.agents),
      provider: line.provider,
      direction,
      peerNumber: customer.number,
      contactName: customer.name,
      outcome,
      remoteStatus: statusOf[outcome]!,
      createdAt,
      ringingAt,
      connectedAt,
      endedAt,
      durationSeconds,
      notes: random() < 0.25 ? (random() < 0.004 ? '=HYPERLINK("http://example.invalid","clique")' : pick(notePhrases)) : '',
      disposition: random() < 0.4 ? pick(dispositions) : null,
      tags: JSON.stringify(random() < 0.3 ? [...new Set([pick(tagPool), pick(tagPool)])] : []),
    };
  }
}

/** Appends generated calls to an open call log through its indexes and triggers (any schema version with `calls`). */
export const fillHistory = (db: CallLogDatabase, options: GeneratorOptions & { analyze?: boolean }): void => {
  const insert = db.prepare(`
    INSERT INTO calls (id, external_id, account_id, line_label, agent_name, provider, direction, peer_number, contact_name, outcome,
                       remote_status, created_at, ringing_at, connected_at, ended_at, duration_seconds, notes, disposition, tags, source, updated_at)
    VALUES (@id, @externalId, @accountId, @lineLabel, @agentName, @provider, @direction, @peerNumber, @contactName, @outcome,
            @remoteStatus, @createdAt, @ringingAt, @connectedAt, @endedAt, @durationSeconds, @notes, @disposition, @tags, 'live', @endedAt)`);
  const event = db.prepare('INSERT INTO call_events (call_id, at, kind, detail) VALUES (?, ?, ?, ?)');
  const batch = 10_000;
  const calls = generatedCalls(options);
  for (let start = 0; start < options.count; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.count, start + batch); i += 1) {
        const call = calls.next().value!;
        insert.run(call);
        const { id, ringingAt, connectedAt, endedAt, outcome } = call;
        if (options.timeline) {
          event.run(id, ringingAt, 'ringing', statusOf[outcome] === 'COMPLETED' ? 'RINGING' : null);
          if (connectedAt !== null) event.run(id, connectedAt, 'connected', null);
          event.run(id, endedAt, 'ended', outcome);
        }
      }
    })();
    options.onProgress?.(Math.min(options.count, start + batch));
  }
  if (options.analyze !== false) db.exec('ANALYZE');
};
