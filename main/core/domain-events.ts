import type { CallPhase, CallView, ConnectionState } from '../../preload/contract';
import type { CallRecord } from './call-record';

/**
 * What happened inside the core, for the parts that follow it. The call
 * service publishes; the window, the call log and its timeline subscribe,
 * each for its own reason, so the call service knows none of them.
 */
export interface DomainEventPayloads {
  /** A call changed (a transition of its state machine, or news from Pilot Status or its media). */
  'call.transitioned': {
    /** What the window shows of the call. */
    view: CallView;
    /** The call-log row, or null while a dialed call is not yet known to Pilot Status. */
    record: CallRecord | null;
    /** The phase before this change; null when the call is new. */
    previousPhase: CallPhase | null;
  };
  /** A call met past its ringing (answered elsewhere, or while the app was away): logged, never shown. */
  'call.seen': { record: CallRecord };
  /** A line's connection to Pilot Status changed. */
  'line.connection': { accountId: string; state: ConnectionState };
  /** Contacts were added, renamed, renumbered or removed: calls on screen and in the log follow their names. */
  'contacts.changed': { changes: ContactNameChange[] };
}

/** One number's name as the contacts now give it. */
export interface ContactNameChange {
  /** Every form the call log may hold the number in (a Brazilian mobile with and without its ninth digit). */
  numbers: string[];
  /** The name calls from these numbers now have; null when the number is no longer a contact. */
  name: string | null;
  /** The name the contact had before, when it was renamed or removed. */
  previousName: string | null;
}

export type DomainEventName = keyof DomainEventPayloads;
type Listener<E extends DomainEventName> = (payload: DomainEventPayloads[E]) => void;

/**
 * A synchronous, in-order event bus: listeners run in the order they
 * subscribed (the window first, then the call log, then its timeline). A
 * listener that throws stops the publish and the publisher sees the error,
 * as it would calling the listener itself: a call log that cannot be
 * written is not hidden.
 */
export class DomainEvents {
  private readonly listeners = new Map<DomainEventName, Listener<never>[]>();

  on<E extends DomainEventName>(event: E, listener: Listener<E>): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(event, list);
    return () => {
      const index = list.indexOf(listener as Listener<never>);
      if (index !== -1) list.splice(index, 1);
    };
  }

  publish<E extends DomainEventName>(event: E, payload: DomainEventPayloads[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as Listener<E>)(payload);
  }
}
