import type { CallPhase, CallView, GlobalShortcutAction } from '../../../preload/contract';

/** What a system-wide key does now, decided from the calls on screen: one command on one call, or nothing. */
export type HotkeyCommand =
  | { command: 'answer'; callId: string }
  | { command: 'hangup'; callId: string }
  | { command: 'mute'; callId: string; muted: boolean };

/** Calls the agent can end with one key: talking, or being placed. */
const endable: readonly CallPhase[] = ['connected', 'dialing', 'ringing-out'];

const oldestFirst = (calls: readonly CallView[]): CallView[] => [...calls].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

/**
 * Answer-or-hang-up answers the call that has rung longest (one that rings
 * quietly too: pressing the key is the agent asking for it), else ends the
 * call under way; mute toggles the agent's microphone on the call under way
 * that carries their voice.
 */
export const hotkeyCommand = (calls: readonly CallView[], action: GlobalShortcutAction): HotkeyCommand | null => {
  const ordered = oldestFirst(calls);
  if (action === 'answerOrHangUp') {
    const ringing = ordered.find((c) => c.phase === 'ringing' && !c.quiet) ?? ordered.find((c) => c.phase === 'ringing');
    if (ringing) return { command: 'answer', callId: ringing.id };
    const live = ordered.find((c) => endable.includes(c.phase));
    return live ? { command: 'hangup', callId: live.id } : null;
  }
  const talking = ordered.find((c) => c.phase !== 'ringing' && c.phase !== 'ended' && c.media.agentAudio);
  return talking ? { command: 'mute', callId: talking.id, muted: !talking.media.muted } : null;
};
