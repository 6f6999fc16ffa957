import { statusKind, type PilotCall, type StatusKind } from '../pilot/call-schema';

/**
 * What a poll (or a relay message) means for the app. `seen` is a call the
 * app meets for the first time already past ringing: it is logged, it never
 * rings.
 */
export type IntakeEvent =
  | { type: 'ringing'; call: PilotCall }
  | { type: 'connected'; call: PilotCall }
  | { type: 'ended'; call: PilotCall }
  | { type: 'updated'; call: PilotCall }
  | { type: 'seen'; call: PilotCall };

interface KnownCall {
  kind: StatusKind;
  fingerprint: string;
}

const fingerprint = (call: PilotCall): string =>
  [call.status, call.connectedAt ?? '', call.endedAt ?? '', call.durationSeconds ?? ''].join('|');

const isOutbound = (call: PilotCall): boolean => call.direction?.toUpperCase() === 'OUTBOUND';

/**
 * Turns successive snapshots of `GET /v1/calls` into events. It remembers
 * which calls already rang, so a call never rings twice, whatever order or
 * repetition the snapshots come in.
 */
export class CallDiff {
  private readonly known = new Map<string, KnownCall>();
  private readonly rung = new Set<string>();

  constructor(private readonly memory = 2000) {}

  /** The events that `calls` (newest first) implies since the last snapshot. */
  apply(calls: readonly PilotCall[]): IntakeEvent[] {
    const events: IntakeEvent[] = [];
    for (const call of [...calls].reverse()) {
      const event = this.applyOne(call);
      if (event) events.push(event);
    }
    this.forgetOldest();
    return events;
  }

  /** A single call fetched by id, e.g. one that fell off the first page. */
  applyOne(call: PilotCall): IntakeEvent | null {
    const kind = statusKind(call);
    const print = fingerprint(call);
    const previous = this.known.get(call.id);
    this.known.delete(call.id);
    this.known.set(call.id, { kind, fingerprint: print });
    if (previous && previous.fingerprint === print) return null;

    if (kind === 'ringing' && !isOutbound(call) && !this.rung.has(call.id)) {
      this.rung.add(call.id);
      return { type: 'ringing', call };
    }
    if (!previous) return { type: 'seen', call };
    if (kind !== previous.kind && (kind === 'connected' || kind === 'ended')) return { type: kind, call };
    return { type: 'updated', call };
  }

  /** Calls last seen ringing or live: they must be followed even if they leave the list. */
  liveIds(): string[] {
    return [...this.known].filter(([, k]) => k.kind === 'ringing' || k.kind === 'connected').map(([id]) => id);
  }

  hasLiveCalls(): boolean {
    for (const known of this.known.values()) if (known.kind === 'ringing' || known.kind === 'connected') return true;
    return false;
  }

  private forgetOldest(): void {
    for (const map of [this.known, this.rung] as const) {
      const excess = map.size - this.memory;
      if (excess <= 0) continue;
      let dropped = 0;
      for (const key of map.keys()) {
        if (dropped++ >= excess) break;
        map.delete(key);
      }
    }
  }
}
