import type { CallView } from '../../preload/contract';
import type { Dispatch } from '../core/commands/dispatcher';
import type { Logger } from '../core/logging/logger';
import type { Softphone } from '../core/softphone';
import type { EventHub } from './event-hub';
import type { LazyDemo } from './lazy-demo';

/** The hidden line "Test my audio" calls the simulator's echo through (the core opens it on first use). */
const audioTestLineId = 'audio-test';

export interface DemoOnDemandDeps {
  demo: LazyDemo;
  softphone: Pick<Softphone, 'dispatch' | 'info' | 'lines'>;
  events: EventHub;
  logger: Logger;
}

/**
 * The built-in simulator listens on loopback only while the app needs it:
 * in demo mode, and during a "Test my audio" call. With real lines it is not
 * listening, so nothing on this machine can reach it. The core starts it (or
 * makes it listen again) through `DemoBackend.start` before it needs it; this
 * pauses it as soon as a command or an event leaves it unneeded. The contract
 * is dispatched through here so that a command's answer comes after the pause.
 */
export const demoOnDemand = (deps: DemoOnDemandDeps): { dispatch: Dispatch; stop(): void } => {
  const { demo, softphone } = deps;
  let audioTestLive = false;
  let settling: Promise<void> = Promise.resolve();

  const needed = (): boolean => softphone.info().mode === 'demo' || audioTestLive;

  /** Pauses the simulator when nothing needs it; the audio-test line goes with it (it reopens on the next test, at the simulator's address then). */
  const settle = (): Promise<void> =>
    (settling = settling.then(async () => {
      if (needed() || !demo.simulator?.running.listening) return;
      softphone.lines.close(audioTestLineId);
      await demo.pause();
      deps.logger.info('built-in simulator stopped listening: the app has real lines');
    }));

  const unsubscribe = deps.events.subscribe((event, payload) => {
    if (event === 'app.changed') void settle();
    if (event === 'calls.changed' && (payload as CallView).accountId === audioTestLineId) {
      audioTestLive = (payload as CallView).phase !== 'ended';
      if (!audioTestLive) void settle();
    }
  });

  const dispatch: Dispatch = async (name, request) => {
    const result = await softphone.dispatch(name, request);
    await settle();
    return result;
  };
  return { dispatch, stop: unsubscribe };
};
