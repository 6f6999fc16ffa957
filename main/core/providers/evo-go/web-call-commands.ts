import type { CallView, CommandRequest, ParsedRequest, Prompt, WebCommandResults } from '../../../../preload/contract';
import type { CallService } from '../../calls/call-service';
import { AppFailure } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { PilotClient } from '../../pilot/pilot-client';
import type { WebMediaService } from './web-media-service';

export interface WebCallCommandDeps {
  calls: CallService;
  media: WebMediaService;
  logger: Logger;
  client: (accountId: string) => Pick<PilotClient, 'play'> | undefined;
  prompts: () => readonly Prompt[];
}

const requireWebNumber = (call: CallView): void => {
  if (call.provider !== 'EVO_GO') throw new AppFailure('FEATURE_NOT_SUPPORTED', 'Listening in, prompts and web-call audio controls work on web numbers only.');
};

/**
 * The agent commands that exist only for web numbers: a supervisor listening
 * in on a call another agent took, and playing one of the company's prompts
 * into a call.
 */
export const webCallCommands = (deps: WebCallCommandDeps) => ({
  listen(callId: string): CallView {
    const call = deps.calls.callView(callId);
    requireWebNumber(call);
    if (call.pcm?.mode === 'listen') return call;
    if (!call.listenable || call.pcm) throw new AppFailure('CALL_STATE', 'Only a call another agent is on can be listened to.', { phase: call.phase });
    if (!deps.media.start(callId, call.accountId, 'listen')) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    deps.logger.info({ callId }, 'supervisor listening');
    return deps.calls.callView(callId);
  },

  stopListening(callId: string): CallView {
    const call = deps.calls.callView(callId);
    if (call.pcm?.mode === 'listen') deps.media.stop(callId);
    return deps.calls.callView(callId);
  },

  /** Mute or hold a web call the agent is on; its audio must be running (the call connected). */
  control(callId: string, change: { muted?: boolean; held?: boolean }): CallView {
    const call = deps.calls.callView(callId);
    requireWebNumber(call);
    if (!deps.media.control(callId, change)) throw new AppFailure('CALL_STATE', `The call is ${call.phase}; that action no longer applies.`, { phase: call.phase });
    return deps.calls.callView(callId);
  },

  async playPrompt(request: CommandRequest<'calls.playPrompt'>): Promise<{ ok: true }> {
    const call = deps.calls.callView(request.callId);
    requireWebNumber(call);
    if (call.phase === 'ended') throw new AppFailure('CALL_STATE', 'The call has ended.', { phase: call.phase });
    const prompt = deps.prompts().find((p) => p.id === request.promptId);
    if (!prompt) throw new AppFailure('PROMPT_NOT_FOUND', 'That prompt is no longer in the settings.');
    const client = deps.client(call.accountId);
    if (!client) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    const pilotId = deps.calls.tracked(request.callId).pilotId;
    if (!pilotId) throw new AppFailure('CALL_STATE', 'The call is still being placed; play the prompt in a moment.', { phase: call.phase });
    // Pilot queues it until the call connects, so a prompt chosen while the customer's phone rings plays from the first moment.
    await client.play(pilotId, prompt.url);
    deps.logger.info({ callId: request.callId, promptId: prompt.id, phase: call.phase }, 'prompt sent to the call');
    return { ok: true };
  },
});

type WebHandlers = { [N in keyof WebCommandResults]: (request: ParsedRequest<N>) => Promise<WebCommandResults[N]> | WebCommandResults[N] };

/** The contract commands of web numbers: listening in, prompts, and the renderer's reports on PCM audio. */
export const webCommandHandlers = (deps: WebCallCommandDeps): WebHandlers => {
  const web = webCallCommands(deps);
  return {
    'calls.listen': (request) => web.listen(request.callId),
    'calls.stopListening': (request) => web.stopListening(request.callId),
    'calls.playPrompt': (request) => web.playPrompt(request),
    'pcm.stats': (request) => {
      deps.media.stats(request);
      return { ok: true };
    },
    'pcm.failed': (request) => {
      deps.logger.warn({ callId: request.callId, reason: request.reason, detail: request.detail }, 'renderer could not start call audio');
      return { ok: true };
    },
  };
};
