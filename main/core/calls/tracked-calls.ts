import type { TrackedCall } from './tracked-call';

/**
 * The calls on screen, by the app's id, and by Pilot Status's id for calls
 * this agent dialed (their id is the app's until Pilot creates them).
 */
export class TrackedCalls {
  private readonly byId = new Map<string, TrackedCall>();
  private readonly byPilotId = new Map<string, string>();

  get(id: string): TrackedCall | undefined {
    return this.byId.get(id);
  }

  /** A call by either id (events name a dialed call by Pilot's id). */
  find(id: string): TrackedCall | undefined {
    return this.byId.get(id) ?? this.byId.get(this.byPilotId.get(id) ?? '');
  }

  add(call: TrackedCall): void {
    this.byId.set(call.id, call);
  }

  /** Pilot Status created the call: it is found by that id too. */
  learnPilotId(call: TrackedCall, pilotId: string): void {
    call.pilotId = pilotId;
    this.byPilotId.set(pilotId, call.id);
  }

  delete(call: TrackedCall): void {
    this.byId.delete(call.id);
    if (call.pilotId) this.byPilotId.delete(call.pilotId);
  }

  values(): IterableIterator<TrackedCall> {
    return this.byId.values();
  }
}
