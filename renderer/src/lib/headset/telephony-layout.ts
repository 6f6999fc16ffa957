import { hidTelephonyUsagePage } from '../../../../preload/contract/constants';
import { telephonyControls, telephonyLeds, type TelephonyControl, type TelephonyLed } from './hid-usages';
import type { HidCollectionInfo, HidReportInfo, HidReportItem } from './webhid-collections';

/**
 * Where a headset keeps its call buttons and lights, read from the report
 * layout WebHID gives (`HIDDevice.collections`): which report and which bit.
 * Headsets differ here (Jabra sends everything in one report, Poly one report
 * per light, EPOS mixes in volume keys), so nothing about a model is assumed.
 */

export interface InputField {
  reportId: number;
  bitOffset: number;
  bitSize: number;
  /**
   * Absolute: the value is a state (hook switch 1 = off-hook). Relative: a
   * press (a toggle button), HID's "one-shot" or "toggle" control.
   */
  absolute: boolean;
}

export interface OutputField {
  reportId: number;
  bitOffset: number;
}

export interface TelephonyLayout {
  inputs: Partial<Record<TelephonyControl, InputField>>;
  leds: Partial<Record<TelephonyLed, OutputField>>;
  /** Length in bytes (report id excluded) of each output report that carries a light. */
  outputBytes: ReadonlyMap<number, number>;
}

const usageAt = (item: HidReportItem, index: number): number | undefined => {
  if (item.isRange) {
    const usage = (item.usageMinimum ?? 0) + index;
    return usage <= (item.usageMaximum ?? -1) ? usage : undefined;
  }
  const usages = item.usages ?? [];
  // HID: with fewer usages than fields, the last usage applies to the rest.
  return usages.length === 0 ? undefined : usages[Math.min(index, usages.length - 1)];
};

const namesOf = <K extends string>(table: Record<K, number>) => new Map(Object.entries(table).map(([name, usage]) => [usage as number, name as K]));
const controlNames = namesOf(telephonyControls);
const ledNames = namesOf(telephonyLeds);

/**
 * Walks a report's fields in order. Constant fields count too: Jabra marks
 * its telephony inputs constant and still sends them, and padding takes its
 * bits either way. Array fields carry indices, not these buttons: skipped.
 */
const eachField = (report: HidReportInfo, visit: (usage: number, bitOffset: number, item: HidReportItem) => void): number => {
  let offset = 0;
  for (const item of report.items) {
    for (let index = 0; index < item.reportCount; index += 1) {
      const usage = item.isArray ? undefined : usageAt(item, index);
      if (usage !== undefined) visit(usage, offset + index * item.reportSize, item);
    }
    offset += item.reportSize * item.reportCount;
  }
  return offset;
};

/** Top-level collections on the Telephony page; WebHID lists a child collection's fields in its parent too. */
export const telephonyCollections = (collections: readonly HidCollectionInfo[]): HidCollectionInfo[] =>
  collections.filter((c) => c.usagePage === hidTelephonyUsagePage);

/** The layout of a device's call buttons and lights, or null when it has no hook switch to answer with. */
export const telephonyLayout = (collections: readonly HidCollectionInfo[]): TelephonyLayout | null => {
  const inputs: TelephonyLayout['inputs'] = {};
  const leds: TelephonyLayout['leds'] = {};
  const outputBytes = new Map<number, number>();
  for (const collection of telephonyCollections(collections)) {
    for (const report of collection.inputReports) {
      eachField(report, (usage, bitOffset, item) => {
        const name = controlNames.get(usage);
        if (name && !inputs[name]) inputs[name] = { reportId: report.reportId, bitOffset, bitSize: item.reportSize, absolute: item.isAbsolute };
      });
    }
    for (const report of collection.outputReports) {
      let carriesLight = false;
      const bits = eachField(report, (usage, bitOffset) => {
        const name = ledNames.get(usage);
        if (name && !leds[name]) {
          leds[name] = { reportId: report.reportId, bitOffset };
          carriesLight = true;
        }
      });
      if (carriesLight) outputBytes.set(report.reportId, Math.ceil(bits / 8));
    }
  }
  return inputs.hookSwitch ? { inputs, leds, outputBytes } : null;
};

/** Reads a field (least significant bit first, as HID packs them). */
export const readField = (data: DataView, bitOffset: number, bitSize: number): number => {
  let value = 0;
  for (let bit = 0; bit < bitSize; bit += 1) {
    const at = bitOffset + bit;
    const byte = at >> 3;
    if (byte >= data.byteLength) break;
    value |= ((data.getUint8(byte) >> (at & 7)) & 1) << bit;
  }
  return value;
};
