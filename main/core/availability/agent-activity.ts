import type { AgentStatus, AvailabilityChoice, QuietReason } from '../../../preload/contract';

/**
 * What the agent is doing, apart from what they chose (available, away, do
 * not disturb). A table, like the call machine: `step(activity, event)`
 * gives the next activity and what the availability service must do, or
 * reports the event as illegal.
 *
 * ```
 *            a call under way              the last call is over, wrap-up N > 0
 *   idle ───────────────────► on-call ───────────────────────────────────► wrap-up
 *    ▲  ◄────────────────────   │   ◄────────── a call under way (timer.stop) ──┘ │
 *    │  the last call is over,  │                                                 │
 *    │  no wrap-up                                                                │
 *    └──────────── wrap-up time over | agent ready (timer.stop) ──────────────────┘
 * ```
 */
export type Activity = 'idle' | 'on-call' | 'wrap-up';

export type ActivityEvent =
  | { type: 'call.started' }
  | { type: 'calls.over'; wrapUpMs: number }
  | { type: 'wrapUp.elapsed' }
  | { type: 'agent.ready' };

export type ActivityEffect = { type: 'timer.start'; ms: number } | { type: 'timer.stop' };

export type ActivityStep = { ok: true; activity: Activity; effects: ActivityEffect[] } | { ok: false; reason: string };

type Handler = (event: ActivityEvent) => { activity: Activity; effects: ActivityEffect[] };
const to = (activity: Activity, ...effects: ActivityEffect[]): Handler => () => ({ activity, effects });

const table: Record<Activity, Partial<Record<ActivityEvent['type'], Handler>>> = {
  idle: {
    'call.started': to('on-call'),
    // Ready pressed twice, or after the wrap-up ran out: nothing left to end.
    'agent.ready': to('idle'),
  },
  'on-call': {
    'call.started': to('on-call'),
    'calls.over': (event) => {
      const ms = (event as { wrapUpMs: number }).wrapUpMs;
      return ms > 0 ? { activity: 'wrap-up', effects: [{ type: 'timer.start', ms }] } : { activity: 'idle', effects: [] };
    },
  },
  'wrap-up': {
    'call.started': to('on-call', { type: 'timer.stop' }),
    'wrapUp.elapsed': to('idle'),
    'agent.ready': to('idle', { type: 'timer.stop' }),
  },
};

export const step = (activity: Activity, event: ActivityEvent): ActivityStep => {
  const handler = table[activity][event.type];
  if (!handler) return { ok: false, reason: `${event.type} is not allowed while ${activity}` };
  return { ok: true, ...handler(event) };
};

/** Every activity and the events it accepts: for tests that walk the whole table. */
export const activityTable = (): { activity: Activity; events: ActivityEvent['type'][] }[] =>
  (Object.keys(table) as Activity[]).map((activity) => ({ activity, events: Object.keys(table[activity]) as ActivityEvent['type'][] }));

/** What the app goes by: a call under way is Busy and its wrap-up is Wrap-up, whatever the agent chose; otherwise their choice. */
export const statusOf = (chosen: AvailabilityChoice, activity: Activity): AgentStatus =>
  activity === 'on-call' ? 'busy' : activity === 'wrap-up' ? 'wrap-up' : chosen;

/**
 * Whether a new call rings for this agent: away and do not disturb never (they win over everything), the
 * wrap-up time not either; a call under way does not stop the next one from ringing (call waiting).
 */
export const quietReasonOf = (chosen: AvailabilityChoice, activity: Activity): QuietReason | null =>
  chosen === 'dnd' ? 'dnd' : chosen === 'away' ? 'away' : activity === 'wrap-up' ? 'wrap-up' : null;

/** A call answers on its own only when it rings for an agent with nothing else under way. */
export const mayAutoAnswer = (chosen: AvailabilityChoice, activity: Activity): boolean => quietReasonOf(chosen, activity) === null && activity === 'idle';
