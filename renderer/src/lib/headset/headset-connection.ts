import type { HeadsetChoice } from '../../../../preload/contract';
import { hidTelephonyUsagePage } from '../../../../preload/contract/constants';
import type { HeadsetController } from './headset-controller';
import { InputDecoder, ReportLights } from './headset-reports';
import { telephonyLayout } from './telephony-layout';
import type { Hid, HidConnectionEvent, HidDevice, HidInputReportEvent } from './webhid-types';

/**
 * The chosen headset over WebHID: found among the devices this window may
 * use (`getDevices`, which the browser remembers once paired), opened, its
 * input reports turned into events for the controller, its lights sent as
 * output reports. Plugging it back in reconnects it; unplugging it only
 * stops its buttons and lights — the calls are the core's and go on.
 */

export type HeadsetLink =
  | { state: 'none' }
  | { state: 'waiting'; choice: HeadsetChoice }
  | { state: 'connected'; choice: HeadsetChoice }
  | { state: 'failed'; choice: HeadsetChoice; reason: 'open' | 'layout' };

export const choiceOf = (device: HidDevice): HeadsetChoice => ({ vendorId: device.vendorId, productId: device.productId, productName: device.productName });

const matches = (device: HidDevice, choice: HeadsetChoice) =>
  device.vendorId === choice.vendorId && device.productId === choice.productId && device.productName === choice.productName;

/** A device with call buttons: a collection on the Telephony page whose layout has a hook switch. */
export const isHeadset = (device: HidDevice): boolean => telephonyLayout(device.collections) !== null;

export class HeadsetConnection {
  private choice: HeadsetChoice | null = null;
  private device: HidDevice | null = null;
  private readonly listeners = new Set<(link: HeadsetLink) => void>();
  private link: HeadsetLink = { state: 'none' };
  private readonly onInput = (event: HidInputReportEvent) => {
    for (const deviceEvent of this.decoder?.read(event.reportId, event.data) ?? []) this.controller.deviceEvent(deviceEvent);
  };
  private decoder: InputDecoder | null = null;

  constructor(
    private readonly hid: Hid,
    private readonly controller: HeadsetController,
  ) {
    hid.addEventListener('connect', (event: HidConnectionEvent) => {
      if (!this.device && this.choice && matches(event.device, this.choice)) void this.use(event.device);
    });
    hid.addEventListener('disconnect', (event: HidConnectionEvent) => {
      if (event.device !== this.device) return;
      this.release();
      if (this.choice) this.set({ state: 'waiting', choice: this.choice });
    });
  }

  onLink(listener: (link: HeadsetLink) => void): () => void {
    this.listeners.add(listener);
    listener(this.link);
    return () => this.listeners.delete(listener);
  }

  /** The headsets this window may use (paired before, or allowed by the desktop app): those with call buttons. */
  async headsets(): Promise<HidDevice[]> {
    return (await this.hid.getDevices()).filter(isHeadset);
  }

  /**
   * Opens the browser's chooser, listing devices on the Telephony page only.
   * Must run inside the agent's click: the chooser needs a user gesture.
   */
  async pair(): Promise<HeadsetChoice | null> {
    const picked = (await this.hid.requestDevice({ filters: [{ usagePage: hidTelephonyUsagePage }] })).find(isHeadset);
    return picked ? choiceOf(picked) : null;
  }

  /** Follows the agent's choice: connects to that headset now if it is plugged in, else as soon as it is. */
  async choose(choice: HeadsetChoice | null): Promise<void> {
    if (sameChoice(choice, this.choice) && (this.device || !choice)) return;
    this.choice = choice;
    this.release();
    if (!choice) return this.set({ state: 'none' });
    this.set({ state: 'waiting', choice });
    const device = (await this.headsets()).find((d) => matches(d, choice));
    if (device && !this.device && sameChoice(choice, this.choice)) await this.use(device);
  }

  /** Stops using the headset and asks the browser to forget its permission. */
  async forget(): Promise<void> {
    const device = this.device;
    await this.choose(null);
    await device?.forget?.();
  }

  private async use(device: HidDevice): Promise<void> {
    const choice = choiceOf(device);
    const layout = telephonyLayout(device.collections);
    if (!layout) return this.set({ state: 'failed', choice, reason: 'layout' });
    this.device = device;
    try {
      if (!device.opened) await device.open();
    } catch {
      this.device = null;
      return this.set({ state: 'failed', choice, reason: 'open' });
    }
    if (this.device !== device) return;
    this.decoder = new InputDecoder(layout);
    device.addEventListener('inputreport', this.onInput);
    this.controller.attach(new ReportLights(device, layout));
    this.set({ state: 'connected', choice });
  }

  private release(): void {
    const device = this.device;
    if (!device) return;
    this.device = null;
    this.decoder = null;
    device.removeEventListener('inputreport', this.onInput);
    this.controller.attach(null);
    this.controller.deviceEvent('unplugged');
    if (device.opened) void device.close().catch(() => undefined);
  }

  private set(link: HeadsetLink): void {
    this.link = link;
    for (const listener of this.listeners) listener(link);
  }
}

const sameChoice = (a: HeadsetChoice | null, b: HeadsetChoice | null): boolean =>
  a === b || (a !== null && b !== null && a.vendorId === b.vendorId && a.productId === b.productId && a.productName === b.productName);
