import type { EventPayloads, LineFeatures, Provider, QuietReason } from '../../preload/contract';
import type { PilotClient } from './pilot/pilot-client';

/**
 * The small interfaces the core's parts meet at, kept apart from any one
 * part so none of them has to import another's implementation.
 */

/** Sends an event to the window(s); the hosts fan it out (browser-host socket, Electron IPC). */
export type EventSink = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => void;

/** The Pilot Status requests a call and its media make. */
export type CallClient = Pick<PilotClient, 'accept' | 'reject' | 'terminate' | 'getCall' | 'preAccept' | 'createCall' | 'realtimeSession' | 'play'>;

/** What a call's parts know of the line (a WhatsApp number) it is on. */
export interface LineFacts {
  id: string;
  label: string;
  provider: Provider;
}

/** A line as the call service reaches it: its facts, what its number type can do, and its Pilot client. */
export interface LineHandle extends LineFacts {
  features: LineFeatures;
  client: CallClient;
}

/** Finds an open line; undefined once it was removed. */
export type LineLookup = (accountId: string) => LineHandle | undefined;

/**
 * Asked as a call starts ringing on a line: null when it may ring for this
 * agent, else why it rings quietly (no ringer, no notification). The agent's
 * availability answers it; the call service only asks.
 */
export type RingGate = (accountId: string) => QuietReason | null;
/** The name of the contact a number belongs to (either form of a Brazilian mobile), or null. */
export type ContactLookup = (number: string) => string | null;
