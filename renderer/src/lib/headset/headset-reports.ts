import type { LedState } from './headset-calls';
import type { HeadsetLights } from './headset-controller';
import type { DeviceEvent } from './headset-table';
import { ledOrder, type TelephonyControl, type TelephonyLed } from './hid-usages';
import { readField, type TelephonyLayout } from './telephony-layout';

/**
 * Input reports become device events and light states become output reports,
 * both by the device's own layout.
 */

/**
 * Turns a headset's input reports into events by edges, not levels: a report
 * repeating a value (a report sent again, or another button's change in the
 * same report) is no event. Absolute controls report their state, relative
 * ones a press (its rising edge).
 */
export class InputDecoder {
  private readonly last = new Map<TelephonyControl, number>();

  constructor(private readonly layout: TelephonyLayout) {}

  read(reportId: number, data: DataView): DeviceEvent[] {
    const events: DeviceEvent[] = [];
    for (const [control, field] of Object.entries(this.layout.inputs) as [TelephonyControl, NonNullable<TelephonyLayout['inputs'][TelephonyControl]>][]) {
      if (field.reportId !== reportId) continue;
      const value = readField(data, field.bitOffset, field.bitSize) ? 1 : 0;
      const before = this.last.get(control) ?? 0;
      this.last.set(control, value);
      if (value === before) continue;
      const event = eventOf(control, field.absolute, value === 1);
      if (event) events.push(event);
    }
    return events;
  }
}

const eventOf = (control: TelephonyControl, absolute: boolean, on: boolean): DeviceEvent | null => {
  switch (control) {
    case 'hookSwitch':
      if (absolute) return on ? 'hook.offHook' : 'hook.onHook';
      return on ? 'hook.toggle' : null;
    case 'phoneMute':
      if (absolute) return on ? 'mute.on' : 'mute.off';
      return on ? 'mute.toggle' : null;
    case 'flash':
      return on ? 'flash' : null;
    case 'drop':
      return on ? 'drop' : null;
  }
};

export interface OutputReport {
  reportId: number;
  data: Uint8Array<ArrayBuffer>;
}

/**
 * The output reports that show `leds`: one per report holding a light in
 * `changed` (all of them for a resync), each with every light it holds set,
 * since a report replaces all its bits at once. Lights the device lacks are
 * left out; reports go out in `ledOrder`.
 */
export const ledReports = (layout: TelephonyLayout, leds: LedState, changed: readonly TelephonyLed[]): OutputReport[] => {
  const reportIds: number[] = [];
  for (const led of ledOrder) {
    const field = layout.leds[led];
    if (field && changed.includes(led) && !reportIds.includes(field.reportId)) reportIds.push(field.reportId);
  }
  return reportIds.map((reportId) => {
    const data = new Uint8Array(layout.outputBytes.get(reportId) ?? 1);
    for (const led of ledOrder) {
      const field = layout.leds[led];
      if (field?.reportId === reportId && leds[led]) data[field.bitOffset >> 3]! |= 1 << (field.bitOffset & 7);
    }
    return { reportId, data };
  });
};

export const changedLeds = (before: LedState | null, after: LedState): TelephonyLed[] =>
  ledOrder.filter((led) => before === null || before[led] !== after[led]);

/** Where output reports go: a WebHID device (`HIDDevice.sendReport`). */
export interface ReportSink {
  sendReport(reportId: number, data: Uint8Array<ArrayBuffer>): Promise<void>;
}

/** Sends the lights that changed as output reports, one after another, in order. */
export class ReportLights implements HeadsetLights {
  private sent: LedState | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly device: ReportSink,
    private readonly layout: TelephonyLayout,
  ) {}

  show(leds: LedState, resync: boolean): void {
    const changed = resync || !this.sent ? ledOrder : changedLeds(this.sent, leds);
    this.sent = leds;
    for (const report of ledReports(this.layout, leds, changed)) {
      // A report that fails (the headset was just unplugged) is dropped; the next connection sends every light again.
      this.queue = this.queue.then(() => this.device.sendReport(report.reportId, report.data)).catch(() => undefined);
    }
  }
}
