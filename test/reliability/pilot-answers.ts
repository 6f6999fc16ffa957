import fc from 'fast-check';

/**
 * Generated answers of Pilot Status, as a misbehaving or surprising server
 * could send them: calls and lists with wrong types, unknown statuses, odd
 * times and huge SDP; error bodies in every shape; truncated, non-JSON,
 * empty and oversized bodies; redirects within and outside the origin;
 * `Retry-After` in any form.
 */
export interface PilotAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body, or how many filler bytes to send (an answer over the client's cap). */
  body: string | Uint8Array | { fillerBytes: number };
}

const knownStatuses = ['INITIATED', 'RINGING', 'PRE_ACCEPTED', 'ACCEPTED', 'CONNECTED', 'COMPLETED', 'MISSED', 'REJECTED', 'FAILED', 'BUSY', 'NO_ANSWER', 'CANCELED'];

const weirdString = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', ' ', '\u0000', '<b>x</b>', '=1+1', '../..', '%00'));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
const time = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  weirdString,
  fc.constant(null),
  fc.integer(),
);

/** A call object: mostly plausible, every field possibly of the wrong type or missing. */
export const pilotCall = (ids: fc.Arbitrary<string> = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `call_${s}`), sdpMax = 100_000) =>
  fc.record(
    {
      id: fc.oneof({ weight: 8, arbitrary: ids }, { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.constant('')) }),
      externalCallId: maybe(fc.oneof(weirdString, fc.integer())),
      direction: maybe(fc.oneof(fc.constantFrom('INBOUND', 'OUTBOUND', 'inbound'), weirdString)),
      status: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...knownStatuses) }, { weight: 2, arbitrary: weirdString }, { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null)) }),
      peerNumber: maybe(fc.oneof(fc.stringMatching(/^\+?55\d{10,11}$/), fc.integer({ min: 0 }), weirdString)),
      durationSeconds: maybe(fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), weirdString)),
      startedAt: maybe(time),
      connectedAt: maybe(time),
      endedAt: maybe(time),
      createdAt: maybe(time),
      updatedAt: maybe(time),
      sdpOffer: maybe(fc.oneof(weirdString, fc.nat({ max: sdpMax }).map((n) => `v=0\r\n${'a=x\r\n'.repeat(Math.floor(n / 5))}`))),
      extra: maybe(fc.jsonValue({ maxDepth: 2 })),
    },
    { requiredKeys: [] },
  );

const errorBody = fc.record(
  {
    code: maybe(fc.oneof(fc.constantFrom('CALL_NOT_FOUND', 'FEATURE_NOT_SUPPORTED', 'WHATSAPP_INSTANCE_NOT_CONNECTED', 'META_API_ERROR', 'RATE_LIMITED'), weirdString, fc.integer())),
    message: maybe(fc.oneof(weirdString, fc.integer())),
    error: maybe(fc.record({ code: maybe(fc.oneof(fc.constantFrom(138006, 138009, 131044, 138015, 100), fc.integer())), error_subcode: maybe(fc.integer()), message: maybe(weirdString) }, { requiredKeys: [] })),
    nextAllowedAt: maybe(time),
  },
  { requiredKeys: [] },
);

/** Bodies as JSON values: a list, one call, an error, or any JSON at all. */
const jsonBody = fc.oneof(
  { weight: 5, arbitrary: fc.record({ calls: fc.array(pilotCall(), { maxLength: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ calls: fc.jsonValue({ maxDepth: 2 }) }) },
  { weight: 3, arbitrary: pilotCall() },
  { weight: 3, arbitrary: errorBody },
  { weight: 1, arbitrary: fc.record({ wsUrl: fc.oneof(fc.webUrl(), weirdString, fc.integer()), token: maybe(weirdString), expiresInSeconds: maybe(fc.integer()) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ id: maybe(fc.oneof(weirdString, fc.integer())), status: maybe(weirdString), success: maybe(fc.boolean()) }, { requiredKeys: [] }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const body: fc.Arbitrary<PilotAnswer['body']> = fc.oneof(
  { weight: 12, arbitrary: jsonBody.map((value) => JSON.stringify(value) ?? '') },
  { weight: 2, arbitrary: fc.tuple(jsonBody, fc.nat()).map(([value, cut]) => {
    const text = JSON.stringify(value) ?? '';
    return text.slice(0, text.length ? cut % text.length : 0);
  }) },
  { weight: 1, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
  // Empty, now and then a body past the client's 4 MiB cap (rarely: each costs megabytes to make).
  {
    weight: 1,
    arbitrary: fc.oneof(
      { weight: 9, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.integer({ min: 4 * 1024 * 1024 + 1, max: 6 * 1024 * 1024 }).map((fillerBytes) => ({ fillerBytes })) },
    ),
  },
);

const status = fc.oneof(
  { weight: 10, arbitrary: fc.constant(200) },
  { weight: 6, arbitrary: fc.constantFrom(201, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

const headers = fc.record(
  {
    'content-type': maybe(fc.constantFrom('application/json', 'text/html', 'application/json; charset=latin1', '')),
    'retry-after': maybe(fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), weirdString)),
    location: maybe(fc.oneof(fc.constant('/v1/calls'), fc.constant('https://elsewhere.example/v1/calls'), fc.constant('http://127.0.0.1:1/v1/calls'), weirdString)),
  },
  { requiredKeys: [] },
).map((h) => Object.fromEntries(Object.entries(h).filter((entry): entry is [string, string] => entry[1] !== undefined && /^[\x20-\x7e]*$/.test(entry[1]))));

export const pilotAnswer: fc.Arbitrary<PilotAnswer> = fc.record({ status, headers, body });

/** The answer as a fetch Response (filler built only now, so generating it stays cheap). */
export const toResponse = (answer: PilotAnswer): Response => {
  const nullBody = answer.status === 204 || answer.status === 205 || answer.status === 304;
  const body = answer.body;
  const raw = typeof body === 'string' ? body : 'fillerBytes' in body ? Buffer.alloc(body.fillerBytes, 0x20) : Buffer.from(body);
  return new Response(nullBody ? null : raw, { status: answer.status, headers: answer.headers });
};
