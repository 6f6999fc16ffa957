import { describe, expect, it } from 'vitest';
import { InputDecoder, ledReports, ReportLights } from '../../renderer/src/lib/headset/headset-reports';
import { telephonyLayout } from '../../renderer/src/lib/headset/telephony-layout';
import { eposImpactD, jabraLink380c, polyBlackwire3220, polyVoyagerBaseCd, type RecordedHeadset } from '../fixtures/hid';
import { hexBytes, parseReportDescriptor } from '../support/hid-report-descriptor';

const layoutOf = (headset: RecordedHeadset) => telephonyLayout(parseReportDescriptor(hexBytes(headset.descriptor)))!;
const report = (...bytes: number[]) => new DataView(Uint8Array.from(bytes).buffer);
const lights = (on: Partial<Record<'offHook' | 'ring' | 'mute' | 'hold', boolean>>) => ({ offHook: false, ring: false, mute: false, hold: false, ...on });

describe('input reports to device events', () => {
  it('Jabra: the hook press recorded in WebHID issue 61 (report 2, [1, 0]) is an off-hook; [0, 0] an on-hook', () => {
    const decoder = new InputDecoder(layoutOf(jabraLink380c));
    expect(decoder.read(2, report(0x01, 0x00))).toEqual(['hook.offHook']);
    expect(decoder.read(2, report(0x00, 0x00))).toEqual(['hook.onHook']);
  });

  it('a report sent again is no second event; another button in the same report changes only its own', () => {
    const decoder = new InputDecoder(layoutOf(jabraLink380c));
    expect(decoder.read(2, report(0x01, 0x00))).toEqual(['hook.offHook']);
    expect(decoder.read(2, report(0x01, 0x00))).toEqual([]);
    // Mute pressed and released while off-hook: one toggle, the hook bit unchanged says nothing.
    expect(decoder.read(2, report(0x09, 0x00))).toEqual(['mute.toggle']);
    expect(decoder.read(2, report(0x01, 0x00))).toEqual([]);
    // Flash (bit 4) is a press too.
    expect(decoder.read(2, report(0x11, 0x00))).toEqual(['flash']);
  });

  it('reports of other ids (the vendor collection) are not the buttons', () => {
    const decoder = new InputDecoder(layoutOf(jabraLink380c));
    expect(decoder.read(4, report(0xff, 0xff))).toEqual([]);
    expect(decoder.read(1, report(0x01, 0x00))).toEqual([]);
  });

  it('Poly: a relative mute and an absolute flash are both one event per press', () => {
    const decoder = new InputDecoder(layoutOf(polyBlackwire3220));
    expect(decoder.read(8, report(0x01))).toEqual(['mute.toggle']);
    expect(decoder.read(8, report(0x00))).toEqual([]);
    expect(decoder.read(8, report(0x04))).toEqual(['flash']);
    expect(decoder.read(8, report(0x00))).toEqual([]);
    expect(decoder.read(8, report(0x02))).toEqual(['hook.offHook']);
  });

  it('EPOS: the drop button, past the volume keys', () => {
    const decoder = new InputDecoder(layoutOf(eposImpactD));
    expect(decoder.read(2, report(0x01))).toEqual([]); // volume down
    expect(decoder.read(2, report(0x40))).toEqual(['drop']);
    expect(decoder.read(2, report(0x24))).toEqual(['hook.offHook', 'mute.toggle']);
  });

  it('a hook switch declared relative is a toggle, and an absolute mute says its state', () => {
    const layout = layoutOf(jabraLink380c);
    const decoder = new InputDecoder({ ...layout, inputs: { hookSwitch: { ...layout.inputs.hookSwitch!, absolute: false }, phoneMute: { ...layout.inputs.phoneMute!, absolute: true } } });
    expect(decoder.read(2, report(0x01, 0x00))).toEqual(['hook.toggle']);
    expect(decoder.read(2, report(0x00, 0x00))).toEqual([]);
    expect(decoder.read(2, report(0x08, 0x00))).toEqual(['mute.on']);
    expect(decoder.read(2, report(0x00, 0x00))).toEqual(['mute.off']);
  });
});

describe('lights to output reports', () => {
  it('Jabra: every light in report 2, all bits set at once', () => {
    const layout = layoutOf(jabraLink380c);
    const sent = ledReports(layout, lights({ offHook: true, mute: true, hold: true }), ['mute']);
    expect(sent.map((r) => [r.reportId, [...r.data]])).toEqual([[2, [0b0001_0101, 0x00]]]);
  });

  it('Poly Blackwire: one report per changed light, the line before the ring', () => {
    const layout = layoutOf(polyBlackwire3220);
    const sent = ledReports(layout, lights({ offHook: true }), ['ring', 'offHook']);
    expect(sent.map((r) => [r.reportId, [...r.data]])).toEqual([[0x17, [1]], [0x18, [0]]]);
  });

  it('EPOS: bits spread through one report; Voyager: the ring light in report 1', () => {
    expect([...ledReports(layoutOf(eposImpactD), lights({ offHook: true, ring: true }), ['ring'])[0]!.data]).toEqual([0b0000_1010]);
    expect(ledReports(layoutOf(polyVoyagerBaseCd), lights({ ring: true }), ['ring']).map((r) => [r.reportId, [...r.data]])).toEqual([[1, [1]]]);
  });

  it('sends only what changed, in order, one report after another; a resync sends every report', async () => {
    const sent: [number, number[]][] = [];
    const open: (() => void)[] = [];
    const device = {
      sendReport: (reportId: number, data: Uint8Array<ArrayBuffer>) => {
        sent.push([reportId, [...data]]);
        // The device answers later: the next report must wait for this one.
        return new Promise<void>((resolve) => open.push(resolve));
      },
    };
    const output = new ReportLights(device, layoutOf(polyBlackwire3220));
    output.show(lights({ ring: true }), false);
    output.show(lights({ offHook: true }), false);
    await Promise.resolve();
    expect(sent).toEqual([[0x17, [0]]]);
    while (open.length) {
      open.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(sent).toEqual([[0x17, [0]], [0x18, [1]], [0x09, [0]], [0x20, [0]], [0x17, [1]], [0x18, [0]]]);
    output.show(lights({ offHook: true }), true);
    while (open.length || sent.length < 10) {
      open.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(sent.slice(6)).toEqual([[0x17, [1]], [0x18, [0]], [0x09, [0]], [0x20, [0]]]);
  });

  it('a report the device refuses (unplugged) does not stop the ones after it', async () => {
    const sent: number[] = [];
    const output = new ReportLights(
      { sendReport: (id) => (sent.push(id), id === 0x17 ? Promise.reject(new DOMException('gone', 'NotFoundError')) : Promise.resolve()) },
      layoutOf(polyBlackwire3220),
    );
    output.show(lights({ offHook: true, ring: true }), true);
    await new Promise((r) => setTimeout(r, 10));
    expect(sent).toEqual([0x17, 0x18, 0x09, 0x20]);
  });
});
