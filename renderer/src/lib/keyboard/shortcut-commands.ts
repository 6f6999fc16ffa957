import type { CallView, ShortcutAction } from '../../../../preload/contract';
import { focusNamed } from '../focus';
import type { CallsState } from '../state/calls-state.svelte';
import type { LayoutState } from '../state/layout-state.svelte';

export interface ShortcutTargets {
  calls: CallsState;
  layout: LayoutState;
  /** Says (politely, to screen readers too) why a shortcut did nothing; takes a translation key. */
  explain: (key: string) => void;
}

/** Calls the agent can hang up: talking, or being placed. */
const hangUpable = (call: CallView) => call.phase === 'connected' || call.phase === 'dialing' || call.phase === 'ringing-out';

/** The call a key acts on: the ringing one that rang longest (the one ringing aloud first), or the newest under way. */
const ringingCall = (calls: CallsState): CallView | undefined => calls.ringingLoud.at(-1) ?? calls.ringingQuiet.at(-1);

/**
 * What each window shortcut does, on the calls and sections as they are
 * now. A shortcut that has nothing to act on says so instead of doing
 * something else.
 */
export const runShortcut = async (action: ShortcutAction, { calls, layout, explain }: ShortcutTargets): Promise<void> => {
  const live = calls.live;
  switch (action) {
    case 'answer':
    case 'decline': {
      const call = ringingCall(calls);
      if (!call) return explain('keyboard.nothingRinging');
      layout.showPhoneForCall();
      await (action === 'answer' ? calls.answer(call) : calls.decline(call));
      return;
    }
    case 'hangUp': {
      const call = live.find(hangUpable);
      if (!call) return explain('keyboard.nothingToHangUp');
      await calls.hangup(call);
      return;
    }
    case 'mute': {
      const call = live.find((c) => c.media.agentAudio);
      if (!call) return explain('keyboard.noCallUnderWay');
      await calls.mute(call, !call.media.muted);
      return;
    }
    case 'hold': {
      const call = live.find((c) => c.phase === 'connected' && c.media.agentAudio);
      if (!call) return explain('keyboard.noCallUnderWay');
      await calls.hold(call, !call.media.held);
      return;
    }
    case 'keypad': {
      const call = live.find((c) => c.phase === 'connected' && c.media.digits);
      if (!call) return explain('keyboard.noKeypad');
      layout.select('phone');
      layout.toggleKeypad(call.id, true);
      await focusNamed(`keypad:${call.id}`);
      return;
    }
    case 'dial':
      layout.select('phone');
      await focusNamed('dialer-number');
      return;
    case 'nextTab':
      await focusNamed(`tab:${layout.next()}`);
      return;
  }
};
