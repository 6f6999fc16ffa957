import type { CallView, MediaPrepare, PilotApi } from '../../../../preload/contract';
import type { DeviceState } from './devices.svelte';
import type { AudioFailure, CallMediaDriver, DriverContext, MediaReadings, MediaServices, MediaStep } from './drivers/call-media-driver';
import { createDriver, resumptionOf } from './drivers/driver-kinds';

/** What the controller needs of the bridge: the media events, and the commands drivers report on. */
export type MediaBridge = Pick<PilotApi, 'on' | 'media' | 'pcm' | 'diagnostics'>;

interface Running {
  driver: CallMediaDriver;
  /** Settles once the driver prepared (true) or failed to (false); later steps wait for it, in the order they came. */
  ready: Promise<boolean>;
}

/**
 * Carries out the media protocol for every call, whatever its kind: on
 * `media.prepare` it picks the call's driver (once, by kind) and hands the
 * core its description; `media.remote`, `start`, `control`, `format` and
 * `stop` go to that driver. It keeps what the view reads of each call's media
 * (level, quality, why audio failed) and moves every running call onto the
 * devices the agent picks. It decides nothing about the calls themselves.
 */
export class MediaController {
  readonly readings = $state<Record<string, MediaReadings>>({});
  readonly failures = $state<Record<string, AudioFailure>>({});
  // Engine bookkeeping: nothing renders from these, so they need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly running = new Map<string, Running>();
  /** Calls whose media a newer window took over: this window stays off them, even after it reconnects. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly handedOver = new Set<string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly answerClicks = new Map<string, number>();

  constructor(
    private readonly core: MediaBridge,
    private readonly devices: DeviceState,
    private readonly openChannel: MediaServices['openChannel'],
  ) {
    core.on('media.prepare', (request) => this.prepare(request));
    core.on('media.remote', ({ callId, sdp }) => this.step(callId, 'remote', (driver) => driver.remote(sdp)));
    core.on('media.start', ({ callId }) => this.step(callId, 'start', (driver) => driver.start()));
    core.on('media.control', ({ callId, muted, held }) => this.running.get(callId)?.driver.control(muted, held));
    core.on('media.format', ({ callId, wireRate }) => this.running.get(callId)?.driver.format(wireRate));
    core.on('media.stop', ({ callId }) => this.stop(callId));
    // Every call under way follows the agent's choice; one that cannot move rejects it and keeps its device.
    devices.onChoice(async (kind, id) => {
      await Promise.all([...this.running.values()].map(({ driver }) => driver.setDevice(kind, id)));
    });
  }

  /** The agent clicked Answer: the first audio heard after it is reported (answer-to-audio latency). */
  answerClicked(callId: string): void {
    this.answerClicks.set(callId, performance.timeOrigin + performance.now());
  }

  sendDigits(callId: string, digits: string): boolean {
    return this.running.get(callId)?.driver.sendDigits(digits) ?? false;
  }

  /** After the window (re)connects: each call it has no media for is taken up again or reported lost, as its kind says. */
  reconcile(calls: readonly CallView[]): void {
    for (const callId of this.handedOver) if (!calls.some((call) => call.id === callId)) this.handedOver.delete(callId);
    for (const call of calls) {
      if (this.running.has(call.id) || this.handedOver.has(call.id)) continue;
      const resumption = resumptionOf(call);
      if (resumption === 'lost') {
        void this.core.media.failed({ callId: call.id, code: 'MEDIA_LOST', message: 'The window was reloaded and lost the call audio' });
      } else if (resumption) {
        this.prepare(resumption.prepare);
        this.running.get(call.id)?.driver.control(call.media.muted, call.media.held);
        this.step(call.id, 'start', (driver) => driver.start());
      }
    }
  }

  private prepare(request: MediaPrepare): void {
    const { callId } = request;
    this.release(callId);
    this.handedOver.delete(callId);
    delete this.failures[callId];
    // Whether this driver still runs the call (a newer prepare or a stop replaces it); asked only once it exists.
    const current = (): boolean => this.running.get(callId)?.driver === driver;
    const driver = createDriver(request, this.contextFor(callId, current));
    const running: Running = { driver, ready: Promise.resolve(false) };
    this.running.set(callId, running);
    running.ready = this.ready(callId, driver, current);
  }

  private async ready(callId: string, driver: CallMediaDriver, current: () => boolean): Promise<boolean> {
    try {
      // The remembered device choice needs the device list; device names come only once a microphone is open.
      if (!this.devices.inputs.length) await this.devices.refresh().catch(() => undefined);
      if (!current()) return false;
      const description = await driver.prepare();
      if (!current()) return false;
      void this.devices.refresh().catch(() => undefined);
      if (description !== null) await this.core.media.described({ callId, sdp: description });
      return true;
    } catch (error) {
      if (current()) driver.failed(error, 'prepare');
      return false;
    }
  }

  private step(callId: string, step: MediaStep, action: (driver: CallMediaDriver) => Promise<void>): void {
    const running = this.running.get(callId);
    if (!running) return;
    void running.ready.then(async (prepared) => {
      if (!prepared || this.running.get(callId) !== running) return;
      try {
        await action(running.driver);
      } catch (error) {
        if (this.running.get(callId) === running) running.driver.failed(error, step);
      }
    });
  }

  private stop(callId: string): void {
    this.release(callId);
    this.handedOver.delete(callId);
    this.answerClicks.delete(callId);
  }

  /** Stops the call's driver, if any, and what the view showed of it (an audio failure stays for the card to explain). */
  private release(callId: string): void {
    const running = this.running.get(callId);
    this.running.delete(callId);
    running?.driver.stop();
    delete this.readings[callId];
  }

  private contextFor(callId: string, current: () => boolean): DriverContext {
    return {
      callId,
      core: this.core,
      devices: this.devices,
      openChannel: this.openChannel,
      show: (readings) => {
        if (!current()) return;
        const shown = this.readings[callId];
        if (shown) Object.assign(shown, readings);
        else this.readings[callId] = { inputLevel: null, quality: null, ...readings };
      },
      showFailure: (reason) => {
        if (current()) this.failures[callId] = reason;
      },
      answerClickedAt: () => this.answerClicks.get(callId),
      handedOver: () => {
        if (!current()) return;
        this.release(callId);
        this.handedOver.add(callId);
      },
    };
  }
}
