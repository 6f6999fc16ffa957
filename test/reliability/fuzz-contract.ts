import fc from 'fast-check';
import { commandNames, commandRequests, type Result } from '../../preload/contract';
import { ensure, runProperty, type FuzzOptions, type FuzzResult } from './fuzz-run';
import { createFuzzWorld, worldKeys, type FuzzWorld } from './fuzz-world';

const garbage = fc.oneof(
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: false, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53, -1, '', ' ', null, true, [], {}),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** A plausible value for each request field the contract names, mixed with values that are not. */
const fieldValue = (world: FuzzWorld, field: string): fc.Arbitrary<unknown> => {
  const callIds = fc.constantFrom(...world.seededIds.slice(0, 20), 'call_unknown', 'dial_x');
  const plausible: Record<string, fc.Arbitrary<unknown>> = {
    callId: callIds,
    accountId: fc.constantFrom(...world.lineIds, 'line_gone'),
    id: fc.constantFrom(...world.lineIds, 'line_gone'),
    exportId: fc.constantFrom('export_x', ''),
    label: fc.string({ maxLength: 70 }),
    provider: fc.constantFrom('META', 'EVO_GO', 'SIP'),
    apiKey: fc.oneof(fc.stringMatching(/^ps_[A-Za-z0-9._~-]{1,40}$/), fc.string({ maxLength: 20 })),
    baseUrl: fc.oneof(fc.constantFrom('https://pilot.fuzz.example', 'https://pilot.fuzz.example/v1/', 'http://127.0.0.1:9', 'http://pilot.example.com', 'javascript:alert(1)'), fc.webUrl()),
    to: fc.oneof(fc.stringMatching(/^\+?55\d{10,11}$/), fc.string({ maxLength: 45 })),
    muted: fc.boolean(),
    held: fc.boolean(),
    locale: fc.constantFrom('en', 'pt-BR', 'es', null),
    pollIntervalMs: fc.integer({ min: -10, max: 70_000 }),
    agentName: fc.option(fc.string({ maxLength: 90 })),
    preAccept: fc.boolean(),
    sampleRate: fc.constantFrom(8000, 16000, 24000, 48000, 44100),
    prompts: fc.array(fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,8}$/), label: fc.string({ maxLength: 10 }), url: fc.oneof(fc.constant('https://cdn.example/a.mp3'), fc.webUrl()) }), { maxLength: 4 }),
    limit: fc.integer({ min: -5, max: 600 }),
    before: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 10 })),
    filter: fc.record(
      {
        text: fc.string({ maxLength: 110 }),
        from: fc.integer(),
        to: fc.integer(),
        accountId: fc.constantFrom('line_vendas', 'line_suporte', 'x'),
        direction: fc.constantFrom('INBOUND', 'OUTBOUND', 'x'),
        outcome: fc.constantFrom('answered', 'missed', 'unknown', 'x'),
        minSeconds: fc.integer({ min: -1, max: 700_000 }),
        maxSeconds: fc.integer({ min: -1, max: 700_000 }),
      },
      { requiredKeys: [] },
    ),
    sort: fc.record({ key: fc.constantFrom('time', 'duration', 'x'), order: fc.constantFrom('asc', 'desc') }, { requiredKeys: [] }),
    after: fc.array(fc.oneof(fc.integer(), fc.double()), { maxLength: 4 }),
    notes: fc.string({ maxLength: 11_000 }),
    disposition: fc.option(fc.string({ maxLength: 70 })),
    tags: fc.array(fc.string({ maxLength: 45 }), { maxLength: 22 }),
    contactName: fc.option(fc.string({ maxLength: 130 })),
    sdp: fc.string({ maxLength: 300 }),
    shownAt: fc.double(),
    view: fc.constantFrom('ringing', 'x'),
    promptId: fc.string({ maxLength: 45 }),
  };
  return fc.oneof({ weight: 4, arbitrary: plausible[field] ?? fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: garbage });
};

/** The request fields a command's schema names. */
const fieldsOf = (name: string): string[] => Object.keys((commandRequests as Record<string, { shape?: object }>)[name]?.shape ?? {});

const request = (world: FuzzWorld, name: string): fc.Arbitrary<unknown> => {
  const fields = fieldsOf(name);
  const shaped = fields.length
    ? fc.record(Object.fromEntries(fields.map((field) => [field, fieldValue(world, field)])), { requiredKeys: [] })
    : fc.constant({});
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: fc.tuple(shaped, fc.string({ maxLength: 8 }), garbage).map(([r, k, v]) => ({ ...(r as object), [k]: v })) }, { weight: 1, arbitrary: garbage });
};

const isResult = (value: unknown): value is Result<unknown> => {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const result = value as { ok: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  return result.ok === true ? 'value' in result : typeof result.error?.code === 'string' && typeof result.error.message === 'string';
};

/**
 * Requests of every shape to every command (and to names that are not
 * commands), through the real dispatcher of the assembled core. Properties:
 * the dispatcher always answers, with a well-formed result that survives
 * JSON; unknown names are `UNKNOWN_COMMAND`; no handler fails internally on a
 * request the schema let through; the calls already in the log are all
 * still there, with what Pilot Status told about them unchanged; no key
 * reaches a log line.
 */
export const fuzzContract = async (options: FuzzOptions): Promise<FuzzResult> => {
  const world = await createFuzzWorld();
  const fingerprint = world.seededFingerprint();
  const keysUsed = new Set(worldKeys);
  const names = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...commandNames) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'calls.__proto__', 'accounts', 'fs.readFile')) },
  );
  // Arbitraries are built once per command: building one (regular expressions included) costs more than a case.
  const requests = new Map<string, fc.Arbitrary<unknown>>();
  const requestFor = (name: string) => {
    let arbitrary = requests.get(name);
    if (!arbitrary) requests.set(name, (arbitrary = request(world, name)));
    return arbitrary;
  };
  const cases = names.chain((name) => requestFor(name).map((req) => ({ name, req })));
  try {
    return await runProperty('contract-requests', options, cases, async ({ name, req }) => {
      const key = (req as { apiKey?: unknown } | null)?.apiKey;
      // Any text that could be stored as a key is a secret from then on.
      if (typeof key === 'string' && /^ps_[A-Za-z0-9._~-]{6,}$/.test(key.trim())) keysUsed.add(key.trim());
      const before = world.callCount();
      const result: unknown = await world.phone.dispatch(name, req);
      ensure(isResult(result), () => `${name}: not a result: ${String(result)}`);
      const typed = result as Result<unknown>;
      JSON.stringify(typed);
      if (!(commandNames as string[]).includes(name)) ensure(!typed.ok && typed.error.code === 'UNKNOWN_COMMAND', `${name}: an unknown name was not refused`);
      ensure(typed.ok || typed.error.code !== 'INTERNAL', () => `${name} failed inside: ${!typed.ok && typed.error.message}`);
      ensure(world.callCount() >= before, `${name}: calls disappeared from the log`);
      const leaked = world.log.secretsSinceLastCheck(keysUsed);
      ensure(leaked.length === 0, () => `${name}: a key reached the log`);
    }).then((result) => {
      if (result.failures === 0 && world.seededFingerprint() !== fingerprint) {
        return { ...result, failures: 1, counterexample: 'what Pilot Status told about the logged calls changed' };
      }
      return result;
    });
  } finally {
    await world.close();
  }
};
