import { toAppError } from '../errors';
import type { Logger } from '../logging/logger';
import { PilotApiError } from '../pilot/pilot-error';
import type { CreatedCall } from '../pilot/pilot-client';
import type { LineLookup } from '../ports';
import type { CallEffect, CallMachineEvent } from './call-machine';
import type { CallRinger } from './call-ringer';
import type { TrackedCall } from './tracked-call';

export interface CallEffectsDeps {
  logger: Logger;
  line: LineLookup;
  ringer: CallRinger;
  /** Feeds an event back into the call's state machine. */
  dispatch: (call: TrackedCall, event: CallMachineEvent) => void;
  /** Pilot created a call this agent dialed. */
  created: (call: TrackedCall, created: CreatedCall) => void;
}

/** Codes that mean "not now" for another reason than someone else answering. */
const unrelatedConflicts = new Set(['WHATSAPP_INSTANCE_NOT_CONNECTED']);

/** Whether a failed accept means another agent took the call (the first accept wins). */
const callIsAlreadyTaken = (error: unknown): boolean =>
  error instanceof PilotApiError &&
  !unrelatedConflicts.has(error.code) &&
  (error.status === 409 || /ALREADY|NOT_RINGING|INVALID_STATE/.test(error.code));

/**
 * Carries out what the call machine asks for: requests to Pilot Status (whose
 * answers go back into the machine), the ringer, and the call's media driver,
 * which alone knows what its media needs.
 */
export class CallEffects {
  constructor(private readonly deps: CallEffectsDeps) {}

  async run(call: TrackedCall, effects: readonly CallEffect[]): Promise<void> {
    for (const effect of effects) {
      try {
        await this.runOne(call, effect);
      } catch (error) {
        this.deps.logger.error({ err: error, callId: call.id, effect: effect.type }, 'call effect failed');
      }
    }
  }

  private async runOne(call: TrackedCall, effect: CallEffect): Promise<void> {
    const line = this.deps.line(call.accountId);
    const { driver } = call;
    switch (effect.type) {
      case 'ring.start':
        return this.deps.ringer.ring(call, line?.label ?? '');
      case 'ring.stop':
        return this.deps.ringer.silence(call.id);
      case 'api.accept':
        return this.request(call, async () => line!.client.accept(call.id, await driver.sdp?.answer()), { type: 'api.accepted' }, (error) => ({
          type: 'api.acceptFailed',
          elsewhere: callIsAlreadyTaken(error),
        }));
      case 'api.reject':
        return this.request(call, () => line!.client.reject(call.id), { type: 'api.rejected' }, () => ({ type: 'api.rejectFailed' }));
      case 'api.terminate':
        return this.request(call, () => line!.client.terminate(call.pilotId ?? call.id), { type: 'api.terminated' }, () => ({ type: 'api.terminateFailed' }));
      case 'api.create':
        return this.create(call);
      case 'media.prepare':
        return driver.prepare();
      case 'media.start':
        return driver.start();
      case 'media.stop':
        return driver.stop();
      case 'media.remote':
        return driver.sdp?.applyRemote();
      case 'api.preAccept':
        return driver.sdp?.preAccept();
      case 'answer.watch':
        return driver.sdp?.watchAnswer();
    }
  }

  /** `POST /v1/calls`, with our offer when the media negotiates SDP; the poll then follows the call. */
  private async create(call: TrackedCall): Promise<void> {
    const line = this.deps.line(call.accountId);
    try {
      if (!line) throw new Error('line removed');
      const offer = call.driver.sdp?.offer();
      this.deps.created(call, await line.client.createCall(offer ? { to: call.peerNumber, ...offer } : { to: call.peerNumber }));
      this.deps.dispatch(call, { type: 'api.created' });
    } catch (error) {
      call.error = toAppError(error);
      this.deps.logger.warn({ callId: call.id, code: call.error.code }, 'call could not be placed');
      this.deps.dispatch(call, { type: 'api.createFailed' });
    }
  }

  private async request(call: TrackedCall, send: () => Promise<unknown>, success: CallMachineEvent, failure: (error: unknown) => CallMachineEvent): Promise<void> {
    if (!this.deps.line(call.accountId)) {
      this.deps.dispatch(call, failure(new Error('line removed')));
      return;
    }
    try {
      await send();
      this.deps.dispatch(call, success);
    } catch (error) {
      call.error = toAppError(error);
      this.deps.logger.warn({ callId: call.id, code: call.error.code }, 'call request failed');
      this.deps.dispatch(call, failure(error));
    }
  }
}
