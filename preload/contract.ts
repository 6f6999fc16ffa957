/**
 * The one contract between the renderer and the main side, shared by the
 * Electron host (IPC through the preload) and the browser host (a loopback
 * WebSocket). Every command has a request schema that the main side checks at
 * run time (the renderer is not trusted) and a typed result; every event has a
 * typed payload.
 *
 * The renderer imports this file only as `import type`.
 */
import { z } from 'zod';
import { apiKeyProblem } from './api-key-format';
import { normalizePilotAddress, pilotAddressProblem } from './pilot-address';

// ---------------------------------------------------------------- results

export interface AppError {
  /** Stable machine code, e.g. `KEYCHAIN_UNAVAILABLE` or an API code such as `CALL_NOT_FOUND`. */
  code: string;
  /** English developer-facing text; the renderer translates `code` for people. */
  message: string;
  /** Values a translated sentence may need (retry time, HTTP status, ...). */
  details?: Record<string, string | number | boolean | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

// ---------------------------------------------------------------- shared values

export const providers = ['META', 'EVO_GO'] as const;
export type Provider = (typeof providers)[number];

export const locales = ['en', 'pt-BR'] as const;
export type Locale = (typeof locales)[number];

/** What the agent sees of a line (a WhatsApp number). The key never leaves the main side. */
export interface AccountView {
  id: string;
  label: string;
  provider: Provider;
  baseUrl: string;
  hasKey: boolean;
  /** A line of the built-in simulator, present only in demo mode. */
  demo: boolean;
}

/**
 * `unreachable`: nothing answered; `service-error`: Pilot Status answered with its own trouble (5xx, unreadable);
 * `rate-limited`: it asked the app to slow down (until `nextAttemptAt`); `wrong-address`: nothing answers as Pilot
 * Status at the line's address (404, a redirect elsewhere, not https).
 */
export type ConnectionState = 'connecting' | 'ok' | 'unreachable' | 'service-error' | 'rate-limited' | 'wrong-address' | 'unauthorized' | 'keychain-error';

export interface ConnectionView {
  accountId: string;
  state: ConnectionState;
  error?: AppError;
  /** ISO time the state began. */
  since: string;
  /** ISO time of the next attempt while backing off. */
  nextAttemptAt?: string;
}

export type CallPhase =
  | 'dialing'
  | 'ringing-out'
  | 'canceling'
  | 'ringing'
  | 'answering'
  | 'declining'
  | 'connected'
  | 'hanging-up'
  | 'ended';
export type CallOutcome = 'answered' | 'missed' | 'declined' | 'answered-elsewhere' | 'failed' | 'unknown';
export type Direction = 'INBOUND' | 'OUTBOUND';

export interface CallView {
  id: string;
  accountId: string;
  lineLabel: string;
  provider: Provider;
  direction: Direction;
  /** E.164 with `+` when it could be normalised, else the digits as they came. */
  peerNumber: string;
  phase: CallPhase;
  outcome?: CallOutcome;
  /** Status exactly as Pilot Status last reported it. */
  remoteStatus: string;
  createdAt: string;
  connectedAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  error?: AppError;
  /** META calls: what the agent set and what the core diagnosed about the media. */
  media?: CallMediaView;
  /** Web numbers: the realtime PCM16 audio of this call, while the main side runs it. */
  pcm?: PcmAudioView;
  /** Web numbers: another agent is on this call and a supervisor may listen in. */
  listenable?: boolean;
}

export interface CallLogEntry {
  id: string;
  externalId: string | null;
  accountId: string;
  lineLabel: string;
  provider: Provider;
  direction: Direction;
  peerNumber: string;
  outcome: CallOutcome | null;
  remoteStatus: string;
  createdAt: string;
  connectedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
}

export interface Settings {
  locale: Locale | null;
  /** Poll period per line while no call rings or is live. */
  pollIntervalMs: number;
  /** Who answers on this computer; stamped on each call in the call log. */
  agentName: string | null;
  /** META: send the answer SDP with pre-accept as soon as a call rings, so the first words are not clipped. */
  preAccept: boolean;
  /** Web numbers: sample rate of the realtime PCM16 socket (both directions). */
  sampleRate: WireSampleRate;
  /** Web numbers: the company's prompt recordings the agent can play into a call. */
  prompts: Prompt[];
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  mode: 'demo' | 'live';
  /** Locale the main side resolved (setting, else the OS). */
  locale: Locale;
  settings: Settings;
}

// ================================================================ web numbers (EVO_GO realtime PCM16 audio, listen mode, prompts)

export const wireSampleRates = [8000, 16000, 24000, 48000] as const;
export type WireSampleRate = (typeof wireSampleRates)[number];
export const defaultWireSampleRate: WireSampleRate = 16000;

export type RealtimeMode = 'talk' | 'listen';
/**
 * `connecting`: first socket; `live`: audio flows; `reconnecting`: a dropped socket is being replaced; `failing`:
 * fresh sessions keep failing (why: `PcmAudioView.problem`), the call is up and the app keeps trying.
 */
export type AudioLinkState = 'connecting' | 'live' | 'reconnecting' | 'failing' | 'ended';

export interface PcmAudioView {
  /** `talk`: the agent's own call; `listen`: a supervisor hears it, sends nothing. */
  mode: RealtimeMode;
  /** PCM16 rate on the wire (the setting, or what the server was found to speak). */
  wireRate: number;
  link: AudioLinkState;
  /** What the agent set: muted, the customer hears silence; held, silence both ways. */
  muted: boolean;
  held: boolean;
  /** While `failing`: why the audio cannot be restored (e.g. `WHATSAPP_INSTANCE_NOT_CONNECTED`). */
  problem?: AppError;
}

/** A prompt recording Pilot Status fetches itself (`/play`), so it must be a public http(s) URL. */
export interface Prompt {
  id: string;
  label: string;
  url: string;
}

/**
 * The binary channel per call between the renderer and the main side (a
 * WebSocket in the browser host, a MessagePort in Electron) carries frames
 * of an 8-byte float64 time stamp followed by PCM16 samples. Never JSON,
 * never the contract socket.
 */
export const mediaSocketProtocol = 'pilot-media.v1';
export const mediaSocketPath = '/media';
/** Why the main side closed a call's channel: the call has no audio, or a newer window's channel took it over. */
export const mediaChannelClose = { noAudio: 4404, replaced: 4409 } as const;
/** Electron: IPC names of the request for a call's MessagePort and of its delivery; the preload re-posts it to the page as `pilot-media-port`. */
export const mediaPortChannels = { open: 'media:open', port: 'media:port', windowMessage: 'pilot-media-port' } as const;

/** What the Electron preload adds beside the contract for the binary audio channel. */
export interface MediaPortApi {
  /** Asks for the call's channel; its MessagePort arrives as a window message `{type: 'pilot-media-port', callId}`. */
  open(callId: string): void;
}

// ---------------------------------------------------------------- request schemas

const id = z.string().min(1).max(200);
const label = z.string().trim().min(1, 'LABEL_REQUIRED').max(60, 'LABEL_TOO_LONG');
/** Pilot Status keys are `ps_<secret>`: any URL-safe secret; text that cannot be a key is refused saying why. */
const apiKey = z
  .string()
  .trim()
  .superRefine((key, ctx) => {
    const problem = apiKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** Where the line's key is sent: https (http only to this machine), stored without a trailing `/v1`. */
const baseUrl = z
  .string()
  .trim()
  .max(500, 'BASE_URL_FORMAT')
  .superRefine((address, ctx) => {
    const problem = pilotAddressProblem(address);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizePilotAddress);

// ---------------------------------------------------------------- call history (search, stats, export)

export const callOutcomes = ['answered', 'missed', 'declined', 'answered-elsewhere', 'failed', 'unknown'] as const;

/** A call in the history: the call-log entry plus what people add to it after the call. */
export interface HistoryEntry extends CallLogEntry {
  agentName: string | null;
  contactName: string | null;
  ringingAt: string | null;
  /** In lists only the first 200 characters; the call detail has all of it. */
  notes: string;
  disposition: string | null;
  tags: string[];
  /** `live`: logged as it happened; `reconciled`: filled in from Pilot Status later; `salvaged`: copied from a damaged log. */
  source: 'live' | 'reconciled' | 'salvaged';
}

/** Where the next page starts: the sort values of the last row shown (opaque to the renderer). */
export type HistoryCursor = number[];

/**
 * A row of the history list: only what the list shows, its time as epoch ms.
 * A page of 100 of these is made, sent and shown without one date string to
 * format or parse; the call detail (`history.get`) has everything.
 */
export interface HistoryListRow {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  lineLabel: string;
  agentName: string | null;
  direction: Direction;
  peerNumber: string;
  contactName: string | null;
  outcome: CallOutcome | null;
  remoteStatus: string;
  durationSeconds: number | null;
  /** The first 200 characters. */
  notes: string;
  disposition: string | null;
  tags: string[];
}

export interface HistoryPage {
  rows: HistoryListRow[];
  /** Null when this page is the last. */
  next: HistoryCursor | null;
}

export interface TimelineEvent {
  at: string;
  /** `ringing`, `answering`, `connected`, `ended`, `status`, `error`, `reconciled`, `edited`, ... */
  kind: string;
  detail: string | null;
}

export interface CallDetail extends HistoryEntry {
  timeline: TimelineEvent[];
}

export interface HistoryCounts {
  total: number;
  answered: number;
  missed: number;
  declined: number;
  failed: number;
  /** `answered / ended calls`, null when no call has ended. */
  answerRate: number | null;
  /** Mean talk time of answered calls, in seconds; null when none. */
  avgTalkSeconds: number | null;
}

export interface HistoryStats extends HistoryCounts {
  /** 24 entries, local hour of day 0..23. */
  byHour: { hour: number; total: number; answered: number; missed: number }[];
  /** Local calendar days with at least one call, oldest first. */
  byDay: { day: string; total: number; answered: number; missed: number }[];
  perLine: (HistoryCounts & { accountId: string; lineLabel: string })[];
}

export interface ExportProgress {
  exportId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  written: number;
  total: number;
  /** Where the file is (or will be once done). */
  path: string;
  error?: AppError;
}

export interface HistoryStatus {
  /** Set when the call log found at start was damaged and was set aside. */
  recovery: { at: string; movedTo: string; reason: string; salvaged: number } | null;
  /** Every line the log has calls for (also lines since removed), with its latest name. */
  lines: { accountId: string; label: string }[];
}

const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const seconds = z.number().int().min(0).max(7 * 24 * 3600);

/** At least one word of 3+ characters: full-text search matches fragments of 3 or more. */
const searchText = z
  .string()
  .trim()
  .max(100, 'SEARCH_TOO_LONG')
  .refine((text) => text === '' || text.split(/\s+/).some((word) => [...word].length >= 3), 'SEARCH_TOO_SHORT');

export const historyFilterSchema = z
  .object({
    text: searchText.optional(),
    /** Calls created at or after (epoch ms). */
    from: epochMs.optional(),
    /** Calls created before (epoch ms). */
    to: epochMs.optional(),
    accountId: id.optional(),
    direction: z.enum(['INBOUND', 'OUTBOUND']).optional(),
    outcome: z.enum(callOutcomes).optional(),
    minSeconds: seconds.optional(),
    maxSeconds: seconds.optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, 'DATE_RANGE_ORDER')
  .refine((f) => f.minSeconds === undefined || f.maxSeconds === undefined || f.minSeconds <= f.maxSeconds, 'DURATION_RANGE_ORDER');

export const historySortSchema = z
  .object({ key: z.enum(['time', 'duration']), order: z.enum(['desc', 'asc']) })
  .strict();

export type HistoryFilter = z.output<typeof historyFilterSchema>;
export type HistorySort = z.output<typeof historySortSchema>;

const defaultSort: HistorySort = { key: 'time', order: 'desc' };
const tag = z.string().trim().min(1).max(40, 'TAG_TOO_LONG');

const historyRequests = {
  'history.query': z
    .object({
      filter: historyFilterSchema.default({}),
      sort: historySortSchema.default(defaultSort),
      limit: z.number().int().min(1).max(500).default(100),
      after: z.array(z.number().int()).min(2).max(3).optional(),
    })
    .strict()
    // A cursor holds the sort's keys: two for time (time, row), three for duration (duration, time, row).
    .refine((r) => r.after === undefined || r.after.length === (r.sort.key === 'time' ? 2 : 3), { message: 'CURSOR_SORT_MISMATCH', path: ['after'] }),
  'history.get': z.object({ callId: id }).strict(),
  'history.annotate': z
    .object({
      callId: id,
      notes: z.string().max(10_000, 'NOTES_TOO_LONG').optional(),
      disposition: z.string().trim().max(60, 'DISPOSITION_TOO_LONG').nullable().optional(),
      tags: z.array(tag).max(20, 'TOO_MANY_TAGS').optional(),
      contactName: z.string().trim().max(120, 'CONTACT_NAME_TOO_LONG').nullable().optional(),
    })
    .strict(),
  'history.stats': z.object({ filter: historyFilterSchema.default({}) }).strict(),
  'history.export': z.object({ filter: historyFilterSchema.default({}), sort: historySortSchema.default(defaultSort) }).strict(),
  'history.exportCancel': z.object({ exportId: id }).strict(),
  'history.status': z.object({}).strict(),
} as const;

// ================================================================ META calls (WebRTC media, dialing, permissions)

export type PermissionStatus = 'no_permission' | 'temporary' | 'permanent';

export interface PermissionLimitView {
  /** ISO-8601 duration as Meta gives it, e.g. `PT24H`, `P7D`. */
  timePeriod: string;
  maxAllowed: number;
  currentUsage: number;
}

/** `GET /v1/calls/permissions` for one customer, as the agent sees it. */
export interface CallPermissionView {
  accountId: string;
  /** E.164. */
  to: string;
  /** Meta's status as it came; the three known ones are {@link PermissionStatus}. */
  status: PermissionStatus | string;
  /** ISO time a temporary permission ends. */
  expiresAt: string | null;
  canCall: boolean;
  canRequest: boolean;
  requestLimits: PermissionLimitView[];
  callLimits: PermissionLimitView[];
  /** A permission request was sent and its answer has not been seen yet. */
  requestPending: boolean;
  checkedAt: string;
}

export interface CallingSettingsView {
  accountId: string;
  /** `ENABLED`, `DISABLED`, or what Meta said. */
  status: string;
}

export interface CallMediaView {
  muted: boolean;
  held: boolean;
  /** Set while media has not started some seconds after the call connected (ICE/DTLS diagnosis). */
  problem?: AppError;
  /** The "Test my audio" call to the simulator's echo. */
  audioTest?: boolean;
}

/** What the renderer measures about a call's media, a few times a second. */
export interface MediaStatsReport {
  callId: string;
  /** RTCIceConnectionState / RTCDtlsTransportState names. */
  ice: string;
  dtls: string;
  /** Inbound audio packets keep arriving. */
  audioFlowing: boolean;
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  mos: number | null;
}

const digitsOnly = z.string().trim().min(3).max(40);

export const metaCommandRequests = {
  'calls.dial': z.object({ accountId: id, to: digitsOnly }).strict(),
  'calls.testAudio': z.object({}).strict(),
  'calls.mute': z.object({ callId: id, muted: z.boolean() }).strict(),
  'calls.hold': z.object({ callId: id, held: z.boolean() }).strict(),
  'permissions.check': z.object({ accountId: id, to: digitsOnly }).strict(),
  'permissions.request': z.object({ accountId: id, to: digitsOnly }).strict(),
  'calling.status': z.object({ accountId: id }).strict(),
  'calling.enable': z.object({ accountId: id }).strict(),
  'media.described': z.object({ callId: id, sdp: z.string().min(10).max(20_000) }).strict(),
  'media.failed': z.object({ callId: id, code: z.string().min(1).max(80), message: z.string().max(500) }).strict(),
  'media.stats': z
    .object({
      callId: id,
      ice: z.string().max(40),
      dtls: z.string().max(40),
      audioFlowing: z.boolean(),
      rttMs: z.number().min(0).max(60_000).nullable(),
      jitterMs: z.number().min(0).max(60_000).nullable(),
      lossPercent: z.number().min(0).max(100).nullable(),
      mos: z.number().min(1).max(5).nullable(),
    })
    .strict(),
  'diagnostics.firstAudio': z.object({ callId: id, clickedAt: z.number().positive(), heardAt: z.number().positive() }).strict(),
} as const;

export interface MetaCommandResults {
  'calls.dial': CallView;
  'calls.testAudio': CallView;
  'calls.mute': CallView;
  'calls.hold': CallView;
  'permissions.check': CallPermissionView;
  'permissions.request': CallPermissionView;
  'calling.status': CallingSettingsView;
  'calling.enable': CallingSettingsView;
  'media.described': { ok: true };
  'media.failed': { ok: true };
  'media.stats': { ok: true };
  'diagnostics.firstAudio': { ok: true };
}

/** The media protocol (architecture: "the one back-and-forth that cannot be avoided"), core → renderer. */
export interface MetaEventPayloads {
  /** Make the local description: an offer (outbound) or the answer to `remoteSdp` (inbound). */
  'media.prepare': { callId: string; role: 'offer' | 'answer'; remoteSdp?: string };
  /** WhatsApp's answer to our offer. */
  'media.remote': { callId: string; sdp: string };
  /** The call is accepted: play what arrives and send the microphone. */
  'media.start': { callId: string };
  /** Mute (stop sending) and hold (stop sending and silence playout). */
  'media.control': { callId: string; muted: boolean; held: boolean };
  'media.stop': { callId: string };
  /** A permission changed (e.g. the customer answered a request). */
  'permissions.changed': CallPermissionView;
}

export const metaEventNames = ['media.prepare', 'media.remote', 'media.start', 'media.control', 'media.stop', 'permissions.changed'] as const;

// ================================================================ end of META calls

/** The path of a URL, or a harmless stand-in when it is not one (the format check reports that). */
const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return '.mp3';
  }
};

const promptSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    label: z.string().trim().min(1, 'PROMPT_LABEL_REQUIRED').max(60, 'PROMPT_LABEL_TOO_LONG'),
    url: z
      .string()
      .trim()
      .max(1000)
      .url('PROMPT_URL_FORMAT')
      .refine((u) => /^https?:\/\//i.test(u), 'PROMPT_URL_FORMAT')
      .refine((u) => /\.(mp3|wav|opus)$/i.test(pathOf(u)), 'PROMPT_URL_TYPE'),
  })
  .strict();

const latencyReadings = z.array(z.number().min(0).max(60_000)).max(1000);

/** Web-number commands: listening in, prompts, and what the renderer reports about the PCM audio it plays. */
export const webCommandRequests = {
  'calls.listen': z.object({ callId: id }).strict(),
  'calls.stopListening': z.object({ callId: id }).strict(),
  'calls.playPrompt': z.object({ callId: id, promptId: z.string().min(1).max(40) }).strict(),
  /** Renderer → core, about once a second while a web-number call has audio. */
  'pcm.stats': z
    .object({
      callId: id,
      framesIn: z.number().int().min(0),
      framesOut: z.number().int().min(0),
      underruns: z.number().int().min(0),
      concealedMs: z.number().min(0),
      playedMs: z.number().min(0),
      /** Realtime socket → the speaker's queue, per frame since the last report. */
      socketToSpeakerMs: latencyReadings,
      /** Jitter-buffer depth readings since the last report. */
      bufferMs: latencyReadings,
      outputLatencyMs: z.number().min(0).max(10_000).optional(),
      /** Stamp of the last frame received from the main side / sent to it, so each hop's losses can be counted exactly. */
      lastReceivedStamp: z.number().min(0).optional(),
      lastSentStamp: z.number().min(0).optional(),
    })
    .strict(),
  /** Renderer → core: the audio of a call could not start (no microphone, permission refused, device error). */
  'pcm.failed': z
    .object({ callId: id, reason: z.enum(['microphone-denied', 'microphone-missing', 'audio-device', 'channel']), detail: z.string().max(300).optional() })
    .strict(),
} as const;

export interface WebCommandResults {
  'calls.listen': CallView;
  'calls.stopListening': CallView;
  'calls.playPrompt': { ok: true };
  'pcm.stats': { ok: true };
  'pcm.failed': { ok: true };
}

// ================================================================ end of web numbers

export const commandRequests = {
  'app.info': z.object({}).strict(),
  'settings.update': z
    .object({
      locale: z.enum(locales).nullable().optional(),
      pollIntervalMs: z.number().int().min(250).max(60_000).optional(),
      agentName: z.string().trim().max(80, 'AGENT_NAME_TOO_LONG').nullable().optional(),
      preAccept: z.boolean().optional(),
      sampleRate: z.literal(wireSampleRates).optional(),
      prompts: z
        .array(promptSchema)
        .max(30, 'PROMPTS_TOO_MANY')
        .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'PROMPT_ID_DUPLICATE')
        .optional(),
    })
    .strict(),
  'accounts.list': z.object({}).strict(),
  'accounts.add': z
    .object({ label, provider: z.enum(providers), apiKey, baseUrl: baseUrl.optional() })
    .strict(),
  'accounts.update': z
    .object({ id, label: label.optional(), apiKey: apiKey.optional(), baseUrl: baseUrl.optional() })
    .strict(),
  'accounts.remove': z.object({ id }).strict(),
  'connections.list': z.object({}).strict(),
  'calls.list': z.object({}).strict(),
  'calls.answer': z.object({ callId: id }).strict(),
  'calls.decline': z.object({ callId: id }).strict(),
  'calls.hangup': z.object({ callId: id }).strict(),
  'log.list': z
    .object({ limit: z.number().int().min(1).max(500).optional(), before: z.string().datetime().optional() })
    .strict(),
  'demo.incomingCall': z.object({ provider: z.enum(providers).optional() }).strict(),
  'demo.customerHangup': z.object({ callId: id }).strict(),
  'diagnostics.viewShown': z
    .object({ callId: id, view: z.enum(['ringing']), shownAt: z.number().positive() })
    .strict(),
  ...historyRequests,
  ...metaCommandRequests,
  ...webCommandRequests,
} as const;

export type CommandName = keyof typeof commandRequests;
export type CommandRequest<N extends CommandName> = z.input<(typeof commandRequests)[N]>;
export type ParsedRequest<N extends CommandName> = z.output<(typeof commandRequests)[N]>;

export interface CommandResults extends MetaCommandResults, WebCommandResults {
  'app.info': AppInfo;
  'settings.update': Settings;
  'accounts.list': AccountView[];
  'accounts.add': AccountView;
  'accounts.update': AccountView;
  'accounts.remove': { removed: boolean };
  'connections.list': ConnectionView[];
  'calls.list': CallView[];
  'calls.answer': CallView;
  'calls.decline': CallView;
  'calls.hangup': CallView;
  'log.list': CallLogEntry[];
  'demo.incomingCall': { callId: string };
  'demo.customerHangup': { ok: true };
  'diagnostics.viewShown': { ok: true };
  'history.query': HistoryPage;
  'history.get': CallDetail;
  'history.annotate': CallDetail;
  'history.stats': HistoryStats;
  'history.export': ExportProgress;
  'history.exportCancel': { cancelled: boolean };
  'history.status': HistoryStatus;
}

export const commandNames = Object.keys(commandRequests) as CommandName[];

// ---------------------------------------------------------------- events

export interface EventPayloads extends MetaEventPayloads {
  'app.changed': AppInfo;
  'accounts.changed': AccountView[];
  'connections.changed': ConnectionView;
  'calls.changed': CallView;
  'log.changed': CallLogEntry;
  /** The main side could not raise a native notification; the renderer shows a web one. */
  'notify.fallback': { callId: string; title: string; body: string };
  /** A CSV export moved on (a few times a second at most) or finished. */
  'history.exportProgress': ExportProgress;
  /** Reconciliation filled in calls that happened while the app was away. */
  'history.reconciled': { accountId: string; added: number; updated: number };
}

export type EventName = keyof EventPayloads;
export const eventNames: readonly EventName[] = [
  'app.changed',
  'accounts.changed',
  'connections.changed',
  'calls.changed',
  'log.changed',
  'notify.fallback',
  'history.exportProgress',
  'history.reconciled',
  ...metaEventNames,
];

// ---------------------------------------------------------------- the API the renderer sees

type Namespace<N extends string> = N extends `${infer NS}.${string}` ? NS : never;

/** Named verbs grouped by namespace: `api.calls.answer({ callId })`. */
export type PilotApi = {
  [NS in Namespace<CommandName>]: {
    [N in CommandName as N extends `${NS}.${infer Verb}` ? Verb : never]: (
      request: CommandRequest<N>,
    ) => Promise<Result<CommandResults[N]>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** IPC channel names used by the Electron host; the browser host uses the same names in its frames. */
export const ipcChannel = {
  command: (name: CommandName) => `cmd:${name}`,
  event: (name: EventName) => `evt:${name}`,
} as const;

/** Frames of the browser host's socket. */
export type ClientFrame = { id: number; command: string; request: unknown };
export type ServerFrame =
  | { id: number; result: Result<unknown> }
  | { event: EventName; payload: unknown };

/** Subprotocols the browser host's socket speaks; the secret travels as a second one. */
export const socketProtocol = 'pilot-contract.v1';
export const socketSecretPrefix = 'secret.';
/** Browser host: where a window exchanges the one-time code of its address (`#code=`) for the session secret, and the header carrying it. */
export const launchSessionPath = '/session';
export const launchCodeHeader = 'x-pilot-launch-code';
