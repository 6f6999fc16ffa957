import type { CallView, CommandRequest, Prompt } from '../../../../preload/contract';
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
  if (call.provider !== 'EVO_GO') throw new AppFailure('FEATURE_NOT_SUPPORTED', 'Listening in and prompts work on web numbers only.');
};

/**
 * The agent commands that exist only for web numbers: a supervisor listening
 * in on a call another agent took, and playing one of the company's prompts
 * into a call.
 */
export const webCallCommands = (deps: WebCallCommandDeps) => ({
  listen(callId: string): CallView {
    const call = deps.calls.mustGet(callId);
    requireWebNumber(call);
    if (call.media?.mode === 'listen') return call;
    if (!call.listenable || call.media) throw new AppFailure('CALL_STATE', 'Only a call another agent is on can be listened to.', { phase: call.phase });
    if (!deps.media.start(callId, call.accountId, 'listen')) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    deps.logger.info({ callId }, 'supervisor listening');
    return deps.calls.mustGet(callId);
  },

  stopListening(callId: string): CallView {
    const call = deps.calls.mustGet(callId);
    if (call.media?.mode === 'listen') deps.media.stop(callId);
    return deps.calls.mustGet(callId);
  },

  async playPrompt(request: CommandRequest<'calls.playPrompt'>): Promise<{ ok: true }> {
    const call = deps.calls.mustGet(request.callId);
    requireWebNumber(call);
    if (call.phase === 'ended') throw new AppFailure('CALL_STATE', 'The call has ended.', { phase: call.phase });
    const prompt = deps.prompts().find((p) => p.id === request.promptId);
    if (!prompt) throw new AppFailure('PROMPT_NOT_FOUND', 'That prompt is no longer in the settings.');
    const client = deps.client(call.accountId);
    if (!client) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    // Pilot queues it until the call connects, so a prompt chosen while answering plays from the first moment.
    await client.play(request.callId, prompt.url);
    deps.logger.info({ callId: request.callId, promptId: prompt.id, phase: call.phase }, 'prompt sent to the call');
    return { ok: true };
  },
});
