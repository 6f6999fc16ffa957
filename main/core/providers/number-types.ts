import type { LineFeatures, Provider } from '../../../preload/contract';
import type { MediaDriverFactory } from '../calls/tracked-call';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { EventSink, LineLookup } from '../ports';
import { WebMediaDriver } from './evo-go/web-media-driver';
import type { WebMediaService } from './evo-go/web-media-service';
import { MetaMediaDriver, type MetaMediaDeps } from './meta/meta-media-driver';

/**
 * The one place that knows the number types apart: what each can do (shown to
 * the window as `features`) and which media driver its calls get. Everything
 * else asks a line's features or a call's driver, never the provider.
 */
const featuresByProvider: Record<Provider, LineFeatures> = {
  META: { permissions: true, prompts: false, listenIn: false, callingSettings: true },
  EVO_GO: { permissions: false, prompts: true, listenIn: true, callingSettings: false },
};

export const lineFeatures = (provider: Provider): LineFeatures => featuresByProvider[provider];

export interface MediaDriverDeps {
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  line: LineLookup;
  /** Web numbers' realtime audio, run on this side. */
  webMedia: WebMediaService;
  /** META: pre-accept ringing calls as soon as their answer SDP exists (a setting, on by default). */
  preAcceptEnabled: () => boolean;
  /** META media timings (tests shorten them). */
  metaTimings?: Pick<MetaMediaDeps, 'describeTimeoutMs' | 'mediaCheckMs' | 'answerPollMs'>;
}

/** Picks a new call's media driver from its line's number type, once, when the call is created. */
export const mediaDriverPicker =
  (deps: MediaDriverDeps): MediaDriverFactory =>
  (call, hooks, options) => {
    switch (call.provider) {
      case 'META':
        return new MetaMediaDriver(
          call,
          hooks,
          {
            clock: deps.clock,
            logger: deps.logger,
            emit: deps.emit,
            client: () => deps.line(call.accountId)?.client,
            preAcceptEnabled: deps.preAcceptEnabled,
            ...deps.metaTimings,
          },
          options.audioTest,
        );
      case 'EVO_GO':
        return new WebMediaDriver(call, hooks, { media: deps.webMedia, emit: deps.emit, logger: deps.logger });
    }
  };
