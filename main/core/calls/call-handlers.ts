import type { CommandName } from '../../../preload/contract';
import type { Handlers } from '../commands/dispatcher';
import { AppFailure } from '../errors';
import { parseDialedNumber } from '../phone';
import type { CallService } from './call-service';

type CallCommand = Extract<CommandName, `calls.${'list' | 'answer' | 'decline' | 'hangup' | 'dial' | 'mute' | 'hold'}`>;
type MediaCommand = 'media.described' | 'media.failed' | 'media.stats' | 'diagnostics.firstAudio' | 'diagnostics.viewShown';

/** What the agent typed as E.164, or a refusal naming it. */
export const dialable = (typed: string): string => {
  const number = parseDialedNumber(typed);
  if (!number) throw new AppFailure('PHONE_INVALID', `"${typed}" is not a phone number that can be called`, { reason: 'PHONE_INVALID' });
  return number;
};

const ok = { ok: true as const };

/** The agent's commands on calls, whatever the number type: the call's media driver does what differs. */
export const callHandlers = (calls: CallService): Handlers<CallCommand> => ({
  'calls.list': () => calls.list(),
  'calls.answer': ({ callId }) => calls.answer(callId),
  'calls.decline': ({ callId }) => calls.decline(callId),
  'calls.hangup': ({ callId }) => calls.hangup(callId),
  'calls.dial': ({ accountId, to }) => calls.dial(accountId, dialable(to)),
  'calls.mute': ({ callId, muted }) => calls.control(callId, { muted }),
  'calls.hold': ({ callId, held }) => calls.control(callId, { held }),
});

/** What the window reports about a call's media (the media protocol's renderer → core half), for the call's driver. */
export const mediaReportHandlers = (calls: CallService): Handlers<MediaCommand> => ({
  'media.described': ({ callId, sdp }) => {
    const { driver } = calls.tracked(callId);
    if (driver.sdp) driver.sdp.described(sdp);
    return ok;
  },
  'media.failed': ({ callId, code, message }) => {
    calls.tracked(callId).driver.failed({ code, message });
    return ok;
  },
  // Reports may arrive after the call left the screen: they are dropped.
  'media.stats': (report) => {
    calls.trackedOrNone(report.callId)?.driver.stats(report);
    return ok;
  },
  'diagnostics.firstAudio': ({ callId, clickedAt, heardAt }) => {
    calls.trackedOrNone(callId)?.driver.firstAudio(clickedAt, heardAt);
    return ok;
  },
  'diagnostics.viewShown': ({ callId, view, shownAt }) => {
    calls.viewShown(callId, shownAt, view);
    return ok;
  },
});
