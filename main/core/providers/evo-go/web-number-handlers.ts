import type { CallView, Prompt } from '../../../../preload/contract';
import type { CallService } from '../../calls/call-service';
import type { Handlers } from '../../commands/dispatcher';
import { AppFailure } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { LineLookup } from '../../ports';
import type { WebMediaService } from './web-media-service';

export interface WebNumberHandlerDeps {
  calls: CallService;
  media: WebMediaService;
  logger: Logger;
  line: LineLookup;
  prompts: () => readonly Prompt[];
}

type WebNumberCommand = 'calls.listen' | 'calls.stopListening' | 'calls.playPrompt' | 'pcm.stats' | 'pcm.failed';

const notSupported = () => new AppFailure('FEATURE_NOT_SUPPORTED', 'Listening in, prompts and web-call audio controls work on web numbers only.');

/**
 * The commands that exist for web numbers: a supervisor listening in on a
 * call another agent took, playing one of the company's prompts into a call,
 * and the window's reports on the PCM audio it plays.
 */
export const webNumberHandlers = (deps: WebNumberHandlerDeps): Handlers<WebNumberCommand> => {
  const { calls } = deps;
  const listen = (callId: string): CallView => {
    const listenIn = calls.tracked(callId).driver.listenIn;
    if (!listenIn) throw notSupported();
    const call = calls.callView(callId);
    if (listenIn.listening) return call;
    if (!call.listenable || call.media.pcm) throw new AppFailure('CALL_STATE', 'Only a call another agent is on can be listened to.', { phase: call.phase });
    if (!listenIn.start()) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    deps.logger.info({ callId }, 'supervisor listening');
    return calls.callView(callId);
  };

  const playPrompt = async (callId: string, promptId: string): Promise<{ ok: true }> => {
    const tracked = calls.tracked(callId);
    if (!tracked.features.prompts) throw notSupported();
    const phase = tracked.machine.phase;
    if (phase === 'ended') throw new AppFailure('CALL_STATE', 'The call has ended.', { phase });
    const prompt = deps.prompts().find((p) => p.id === promptId);
    if (!prompt) throw new AppFailure('PROMPT_NOT_FOUND', 'That prompt is no longer in the settings.');
    const line = deps.line(tracked.accountId);
    if (!line) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    if (!tracked.pilotId) throw new AppFailure('CALL_STATE', 'The call is still being placed; play the prompt in a moment.', { phase });
    // Pilot queues it until the call connects, so a prompt chosen while the customer's phone rings plays from the first moment.
    await line.client.play(tracked.pilotId, prompt.url);
    deps.logger.info({ callId, promptId: prompt.id, phase }, 'prompt sent to the call');
    return { ok: true };
  };

  return {
    'calls.listen': ({ callId }) => listen(callId),
    'calls.stopListening': ({ callId }) => {
      const listenIn = calls.tracked(callId).driver.listenIn;
      if (listenIn?.listening) listenIn.stop();
      return calls.callView(callId);
    },
    'calls.playPrompt': ({ callId, promptId }) => playPrompt(callId, promptId),
    'pcm.stats': (report) => {
      deps.media.stats(report);
      return { ok: true };
    },
    'pcm.failed': ({ callId, reason, detail }) => {
      deps.logger.warn({ callId, reason, detail }, 'renderer could not start call audio');
      return { ok: true };
    },
  };
};
