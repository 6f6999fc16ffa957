import type { IntakeEvent } from '../events/call-diff';
import { pilotCallSchema, statusKind, type PilotCall, type StatusKind } from '../pilot/call-schema';
import type { AnsweredBy, CallTeamEvent } from './protocol';

const rank: Record<StatusKind, number> = { other: 0, ringing: 1, connected: 2, ended: 3 };

interface KnownCall {
  status: string;
  kind: StatusKind;
}

export interface TeamIntakeResult {
  event: IntakeEvent;
  answeredBy?: AnsweredBy;
}

/**
 * Turns the team stream's call entries into the intake events the app's
 * poller produces (`IntakeEvent`), so a team line feeds the call service
 * exactly like a direct line. It keeps the poller's promises on its own
 * side too: a call rings at most once (and only when the server says this
 * agent may be rung), news older than what is known is dropped, and a
 * repeated status changes nothing. (The server already sends each entry
 * once; a snapshot after a long absence may repeat what entries say.)
 */
export class TeamCallIntake {
  private readonly known = new Map<string, KnownCall>();
  private readonly rung = new Set<string>();
  private readonly answeredBy = new Map<string, AnsweredBy>();

  constructor(private readonly memory = 2000) {}

  apply(entry: CallTeamEvent, ring: boolean): TeamIntakeResult | null {
    const parsed = pilotCallSchema.safeParse(entry.call);
    if (!parsed.success) return null;
    const call: PilotCall = parsed.data;
    const kind = statusKind(call);
    const status = call.status.toUpperCase();
    const previous = this.known.get(call.id);
    const newAnswer = entry.answeredBy && !this.answeredBy.has(call.id);
    if (entry.answeredBy) this.answeredBy.set(call.id, entry.answeredBy);
    if (previous && rank[kind] < rank[previous.kind]) return null;
    if (previous && previous.status === status && !newAnswer) return null;
    this.known.delete(call.id);
    this.known.set(call.id, { status, kind });
    this.forgetOldest();
    const answered = this.answeredBy.get(call.id);
    const result = (event: IntakeEvent): TeamIntakeResult => (answered ? { event, answeredBy: answered } : { event });
    if (entry.type === 'ringing' && ring && kind === 'ringing' && call.direction?.toUpperCase() !== 'OUTBOUND' && !this.rung.has(call.id)) {
      this.rung.add(call.id);
      return result({ type: 'ringing', call });
    }
    if (!previous) return result({ type: 'seen', call });
    if (kind !== previous.kind && (kind === 'connected' || kind === 'ended')) return result({ type: kind, call });
    return result({ type: 'updated', call });
  }

  /** Who took a call, once the team server said. */
  answeredByOf(callId: string): AnsweredBy | undefined {
    return this.answeredBy.get(callId);
  }

  private forgetOldest(): void {
    for (const map of [this.known, this.rung, this.answeredBy] as const) {
      while (map.size > this.memory) map.delete(map.keys().next().value!);
    }
  }
}
