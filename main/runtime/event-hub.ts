import type { EventName, EventPayloads } from '../../preload/contract';
import type { EventSink } from '../core/ports';

export type EventListener = (event: EventName, payload: EventPayloads[EventName]) => void;

/** Fans core events out to every attached window or socket. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  readonly emit: EventSink = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload);
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
