import type { CallView, MediaKind, MediaPrepare } from '../../../../../preload/contract';
import type { CallMediaDriver, DriverContext } from './call-media-driver';
import { PcmDriver } from './pcm-driver';
import { WebRtcDriver } from './webrtc-driver';

/** How a window that (re)connects mid-call takes up a call it has no media for. */
export type Resumption = { prepare: MediaPrepare } | 'lost' | null;

interface DriverKind<K extends MediaKind> {
  create(request: Extract<MediaPrepare, { kind: K }>, context: DriverContext): CallMediaDriver;
  resume(call: CallView): Resumption;
}

/**
 * The one place that picks a driver by the call's media kind: which driver
 * runs a call's media, and what a reconnected window does about a call it
 * has no media for.
 */
const kinds: { [K in MediaKind]: DriverKind<K> } = {
  webrtc: {
    create: (request, context) => new WebRtcDriver(request, context),
    // The peer lived in the window that went away; it cannot be rebuilt without WhatsApp, so the core is told.
    resume: (call) => (call.phase === 'connected' ? 'lost' : null),
  },
  pcm: {
    create: (request, context) => new PcmDriver(request, context),
    // The main side keeps the call's audio: this window starts its half as if told to (a newer window takes it over).
    resume: (call) => {
      const pcm = call.media.pcm;
      return pcm && pcm.link !== 'ended' ? { prepare: { callId: call.id, kind: 'pcm', mode: pcm.mode, wireRate: pcm.wireRate } } : null;
    },
  },
};

export const createDriver = <P extends MediaPrepare>(request: P, context: DriverContext): CallMediaDriver =>
  (kinds[request.kind].create as (request: P, context: DriverContext) => CallMediaDriver)(request, context);

export const resumptionOf = (call: CallView): Resumption => kinds[call.media.kind].resume(call);
