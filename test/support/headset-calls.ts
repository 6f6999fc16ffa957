import type { CallPhase, CallView } from '../../preload/contract';

/**
 * Call views as the core reports them, for headset tests: the fields the
 * headset reads (phase, mute, hold, when the call began) set, the rest as a
 * web-number call has them.
 */
export const callView = (id: string, phase: CallPhase, options: { muted?: boolean; held?: boolean; at?: number } = {}): CallView => ({
  id,
  accountId: 'line_1',
  lineLabel: 'Support',
  provider: 'EVO_GO',
  features: { permissions: false, prompts: true, listenIn: true, callingSettings: false },
  direction: 'INBOUND',
  peerNumber: `+55119876500${id.slice(-2).padStart(2, '0')}`,
  phase,
  remoteStatus: phase.toUpperCase(),
  createdAt: new Date(Date.UTC(2025, 5, 30, 12, 0, options.at ?? 0)).toISOString(),
  media: { kind: 'pcm', muted: options.muted ?? false, held: options.held ?? false, agentAudio: phase === 'connected', digits: false },
});

/** A set of calls for each headset call state (the ringing ones ring after the others began). */
export const callsIn = {
  idle: () => [],
  ringing: () => [callView('c-ring', 'ringing', { at: 5 })],
  live: () => [callView('c-live', 'connected')],
  held: () => [callView('c-held', 'connected', { held: true })],
  liveHeld: () => [callView('c-live', 'connected', { at: 2 }), callView('c-held', 'connected', { held: true, at: 1 })],
  liveRinging: () => [callView('c-live', 'connected'), callView('c-ring', 'ringing', { at: 5 })],
  heldRinging: () => [callView('c-held', 'connected', { held: true }), callView('c-ring', 'ringing', { at: 5 })],
  liveHeldRinging: () => [callView('c-live', 'connected', { at: 2 }), callView('c-held', 'connected', { held: true, at: 1 }), callView('c-ring', 'ringing', { at: 5 })],
} satisfies Record<string, () => CallView[]>;
