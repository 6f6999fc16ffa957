import type { SimCall, SimNumber } from './sim-state';
import { SimError } from './sim-error';
import type { Simulator } from './simulator';
import type { RealtimeMode } from './realtime/realtime-tokens';

/**
 * The web-number (EVO_GO) endpoints of contract §3 over a {@link Simulator}:
 * outbound calls answered by the simulated customer, `/play` and
 * `/realtime-session`, which answer `400 FEATURE_NOT_SUPPORTED` for Meta
 * numbers (the Meta-only routes refuse web numbers the same way).
 */

const notForMeta = () => new SimError(400, 'FEATURE_NOT_SUPPORTED', 'This action is only available for Pilot Status (web) numbers.');

const promptExtensions = /\.(mp3|wav|opus)$/i;

const liveCall = (simulator: Simulator, number: SimNumber, callId: string): SimCall => {
  const call = simulator.find(number, callId);
  if (call.endedAt !== null) throw new SimError(409, 'CALL_ALREADY_ENDED', `Call is ${call.status}`);
  return call;
};

export const realtimeSession = (simulator: Simulator, number: SimNumber, callId: string, body: Record<string, unknown>, host: string) => {
  if (number.provider !== 'EVO_GO') throw notForMeta();
  simulator.requireConnected(number);
  const mode = body.mode ?? 'talk';
  if (mode !== 'talk' && mode !== 'listen') throw new SimError(400, 'VALIDATION_ERROR', 'mode must be "talk" or "listen"');
  const call = liveCall(simulator, number, callId);
  if (call.connectedAt === null) throw new SimError(409, 'CALL_NOT_CONNECTED', `Call is ${call.status}; realtime audio starts once it is connected`);
  return simulator.media.newSession(host, number.id, call.id, mode as RealtimeMode);
};

export const play = (simulator: Simulator, number: SimNumber, callId: string, body: Record<string, unknown>) => {
  if (number.provider !== 'EVO_GO') throw notForMeta();
  simulator.requireConnected(number);
  const mediaUrl = body.mediaUrl;
  let url: URL;
  try {
    url = new URL(String(mediaUrl));
  } catch {
    throw new SimError(400, 'VALIDATION_ERROR', 'mediaUrl must be an http(s) URL');
  }
  if (typeof mediaUrl !== 'string' || !/^https?:$/.test(url.protocol)) throw new SimError(400, 'VALIDATION_ERROR', 'mediaUrl must be an http(s) URL');
  if (!promptExtensions.test(url.pathname)) throw new SimError(400, 'VALIDATION_ERROR', 'mediaUrl must point to an .mp3, .wav or .opus file');
  const call = liveCall(simulator, number, callId);
  // Queued until the call connects, as the API does; the customer's clock plays it from then.
  simulator.media.media(call.id).prompts.enqueue(mediaUrl);
  return { success: true, id: call.id, status: call.status };
};

/** `POST /v1/calls` for a web number: the customer's phone rings and (by default) answers. */
export const placeWebCall = (simulator: Simulator, number: SimNumber, body: Record<string, unknown>) => {
  simulator.requireConnected(number);
  const to = typeof body.to === 'string' ? body.to : '';
  if (!/^\+?\d{8,15}$/.test(to.replace(/[\s()-]/g, ''))) throw new SimError(400, 'VALIDATION_ERROR', 'to must be a phone number in international format');
  if (body.sdp !== undefined) throw new SimError(400, 'FEATURE_NOT_SUPPORTED', 'Web numbers carry media on the server; do not send an SDP offer.');
  const call = simulator.outgoingCall({ numberId: number.id, to });
  const behaviour = simulator.outboundCustomer;
  setTimeout(() => {
    if (call.endedAt !== null) return;
    simulator.customerRinging(call.id);
    setTimeout(() => {
      if (call.endedAt !== null) return;
      if (behaviour.answers) simulator.customerAnswers(call.id);
      else simulator.endCall(call.id, 'NO_ANSWER');
    }, behaviour.answerAfterMs).unref();
  }, behaviour.ringAfterMs).unref();
  return { id: call.id, externalCallId: call.externalCallId, status: call.status };
};
