import { describe, expect, it } from 'vitest';
import { telephonyLayout, type TelephonyLayout } from '../../renderer/src/lib/headset/telephony-layout';
import { eposImpactD, jabraEvolveLinkMs, jabraLink380c, polyBlackwire3220, polyVoyagerBaseCd, recordedHeadsets, sennheiserSc660, type RecordedHeadset } from '../fixtures/hid';
import { hexBytes, parseReportDescriptor } from '../support/hid-report-descriptor';

/**
 * Report descriptors recorded from real headsets (sources in each fixture)
 * give the app the buttons and lights where the bytes put them. The expected
 * positions below were read off the descriptors by hand, item by item, not
 * computed by the code under test.
 */

const collectionsOf = (headset: RecordedHeadset) => parseReportDescriptor(hexBytes(headset.descriptor));
const layoutOf = (headset: RecordedHeadset) => telephonyLayout(collectionsOf(headset));

const input = (reportId: number, bitOffset: number, absolute: boolean) => ({ reportId, bitOffset, bitSize: 1, absolute });
const out = (reportId: number, bitOffset: number) => ({ reportId, bitOffset });

const expected: [RecordedHeadset, TelephonyLayout][] = [
  [
    jabraLink380c,
    {
      // Report 2: hook switch, line busy tone, line (absolute), then phone mute, flash, redial, speed dial (relative).
      inputs: { hookSwitch: input(2, 0, true), phoneMute: input(2, 3, false), flash: input(2, 4, false) },
      // Report 2 out: off-hook, speaker, mute, ring, hold, microphone, on-line, ringer, 8 bits of padding.
      leds: { offHook: out(2, 0), mute: out(2, 2), ring: out(2, 3), hold: out(2, 4) },
      outputBytes: new Map([[2, 2]]),
    },
  ],
  [
    jabraEvolveLinkMs,
    {
      inputs: { hookSwitch: input(2, 0, true), phoneMute: input(2, 2, false), flash: input(2, 3, false) },
      leds: { offHook: out(2, 0), mute: out(2, 1), ring: out(2, 2), hold: out(2, 3) },
      outputBytes: new Map([[2, 2]]),
    },
  ],
  [
    polyBlackwire3220,
    {
      // Report 8: phone mute (relative), hook switch and flash (absolute).
      inputs: { phoneMute: input(8, 0, false), hookSwitch: input(8, 1, true), flash: input(8, 2, true) },
      // One report per light: 0x09 mute, 0x17 off-hook, 0x18 ring, 0x20 hold (0x1E speaker, 0x2A on-line unused).
      leds: { mute: out(0x09, 0), offHook: out(0x17, 0), ring: out(0x18, 0), hold: out(0x20, 0) },
      outputBytes: new Map([[0x09, 1], [0x17, 1], [0x18, 1], [0x20, 1]]),
    },
  ],
  [
    polyVoyagerBaseCd,
    {
      inputs: { hookSwitch: input(1, 0, true), phoneMute: input(1, 1, false), flash: input(1, 2, true) },
      // Report 1 is the ring light as an output (and the buttons as an input).
      leds: { ring: out(1, 0), mute: out(3, 0), offHook: out(4, 0), hold: out(5, 0) },
      outputBytes: new Map([[1, 1], [3, 1], [4, 1], [5, 1]]),
    },
  ],
  [
    eposImpactD,
    {
      // Report 2: volume down/up (consumer page) first, then hook switch, then flash, redial, mute, drop.
      inputs: { hookSwitch: input(2, 2, true), flash: input(2, 3, false), phoneMute: input(2, 5, false), drop: input(2, 6, false) },
      // Report 3: ringer, off-hook, microphone, ring, mute, on-line, hold, padding.
      leds: { offHook: out(3, 1), ring: out(3, 3), mute: out(3, 4), hold: out(3, 6) },
      outputBytes: new Map([[3, 1]]),
    },
  ],
  [
    sennheiserSc660,
    {
      inputs: { phoneMute: input(8, 0, false), hookSwitch: input(8, 1, true), flash: input(8, 3, false), drop: input(8, 4, false) },
      leds: { mute: out(9, 0), offHook: out(9, 1), ring: out(9, 2), hold: out(9, 5) },
      outputBytes: new Map([[9, 1]]),
    },
  ],
];

describe('recorded headset descriptors', () => {
  it('covers a Jabra, a Poly and an EPOS, each with its source', () => {
    const vendors = new Set(recordedHeadsets.map((h) => h.vendorId));
    expect([...vendors].sort()).toEqual([0x047f, 0x0b0e, 0x1395]);
    for (const headset of recordedHeadsets) expect(headset.source).toMatch(/^https:\/\//);
    expect(expected.map(([h]) => h)).toEqual(recordedHeadsets);
  });

  it.each(expected.map(([headset, layout]) => [headset.productName, headset, layout] as const))('%s: buttons and lights where its descriptor puts them', (_name, headset, layout) => {
    expect(layoutOf(headset)).toEqual(layout);
  });

  it('reads the collections as Chromium lists them: top level, each telephony one a Headset', () => {
    const tops = (headset: RecordedHeadset) => collectionsOf(headset).map((c) => [c.usagePage, c.usage]);
    expect(tops(jabraLink380c)).toEqual([[0x0b, 0x05], [0xff00, 0x01], [0x0c, 0x01]]);
    expect(tops(polyBlackwire3220)).toEqual([[0x0b, 0x05]]);
    expect(tops(eposImpactD)).toEqual([[0x0b, 0x05], [0x0c, 0x01], [0xff58, 0x01], [0xffff, 0x01]]);
    // EPOS nests a second application collection (vendor features) inside the Telephony one. It opens before its
    // Usage Page (0xFF40) item and with no Usage, so Chromium names it by the page then in effect: LEDs, usage 0.
    const [telephony] = collectionsOf(eposImpactD);
    expect(telephony!.children.map((c) => [c.usagePage, c.usage, c.type])).toEqual([[0x08, 0, 1]]);
    // A nested collection's fields are listed in its parent too: the Jabra keypad (a logical collection) sits in report 2.
    const [jabra] = collectionsOf(jabraLink380c);
    expect(jabra!.children).toHaveLength(1);
    expect(jabra!.inputReports.find((r) => r.reportId === 2)!.items.some((item) => item.isRange && item.usageMinimum === 0x0b00b0)).toBe(true);
  });

  it('Jabra marks its telephony buttons Constant; they still count', () => {
    const [telephony] = collectionsOf(jabraLink380c);
    const hook = telephony!.inputReports[0]!.items[0]!;
    expect(hook.usages).toEqual([0x0b0020, 0x0b0097, 0x0b002a]);
    expect(hook.isConstant).toBe(true);
    expect(layoutOf(jabraLink380c)!.inputs.hookSwitch).toEqual(input(2, 0, true));
  });

  it('a short usage takes the usage page in effect where the Usage item stands (Chromium), not at the Input item', () => {
    // Poly Voyager: "Usage (Programmable Button), Usage Page (Button), Usage (1), Input".
    const [, telephony] = collectionsOf(polyVoyagerBaseCd);
    const programmable = telephony!.inputReports.find((r) => r.reportId === 1)!.items[4]!;
    expect(programmable.usages).toEqual([0x0b0007, 0x090001]);
  });

  it('ignores vendor pages that mirror telephony usage ids (Jabra 0xFF30, EPOS 0xFF13)', () => {
    // The Jabra vendor collection carries usage 0x20 and 0x2F on page 0xFF30 in report 4: not the hook switch.
    const layout = layoutOf(jabraLink380c)!;
    expect(Object.values(layout.inputs).map((f) => f.reportId)).toEqual([2, 2, 2]);
  });

  it('a device without a Telephony collection has no call buttons', () => {
    // The Jabra's consumer collection alone (volume keys).
    const consumer = collectionsOf(jabraLink380c).filter((c) => c.usagePage === 0x0c);
    expect(telephonyLayout(consumer)).toBeNull();
    expect(telephonyLayout([])).toBeNull();
  });
});
