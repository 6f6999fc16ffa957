import type { Page } from '@playwright/test';
import type { HidCollectionInfo } from '../../renderer/src/lib/headset/webhid-collections';
import type { RecordedHeadset } from '../fixtures/hid';
import { hexBytes, parseReportDescriptor } from '../support/hid-report-descriptor';

/**
 * A stand-in for USB headsets at the WebHID boundary, for a machine with no
 * USB and no virtual HID: an init script replaces `navigator.hid` with an
 * object that offers recorded headsets (their collections parsed from the
 * recorded descriptors as Chromium parses them), delivers the input reports
 * a test plays, and records every output report the app sends. It behaves as
 * Chromium's WebHID does where the app can tell: the chooser needs a user
 * gesture and lists only devices matching the filters, `getDevices` lists
 * granted devices that are plugged in, `connect`/`disconnect` fire for
 * granted devices, a closed or unplugged device refuses reports.
 */

interface StandInDevice {
  productName: string;
  vendorId: number;
  productId: number;
  collections: HidCollectionInfo[];
  plugged: boolean;
  granted: boolean;
}

interface StandInOptions {
  devices: StandInDevice[];
  /** The device the agent picks in the chooser (by product name); null closes it without a pick. */
  pick: string | null;
}

export interface OutputRecord {
  device: string;
  reportId: number;
  data: number[];
}

const standIn = ({ devices, pick }: StandInOptions) => {
  const outputs: { device: string; reportId: number; data: number[] }[] = [];
  const inputsAt: number[] = [];
  const chooserFilters: unknown[] = [];
  const hid = new EventTarget() as EventTarget & Record<string, unknown>;
  const fire = (type: string, fields: Record<string, unknown>, target: EventTarget) => {
    const event = new Event(type);
    for (const [key, value] of Object.entries(fields)) Object.defineProperty(event, key, { value });
    target.dispatchEvent(event);
    const handler = (target as unknown as Record<string, unknown>)[`on${type}`];
    if (typeof handler === 'function') handler.call(target, event);
  };
  const entries = devices.map((info) => {
    const device = new EventTarget() as EventTarget & Record<string, unknown>;
    const entry = { info, device, opened: false };
    Object.assign(device, {
      vendorId: info.vendorId,
      productId: info.productId,
      productName: info.productName,
      collections: info.collections,
      oninputreport: null,
      open: async () => {
        if (!info.plugged) throw new DOMException('The device was disconnected.', 'NotFoundError');
        entry.opened = true;
      },
      close: async () => {
        entry.opened = false;
      },
      forget: async () => {
        info.granted = false;
        entry.opened = false;
      },
      sendReport: async (reportId: number, data: BufferSource) => {
        if (!entry.opened || !info.plugged) throw new DOMException('The device must be opened first.', 'InvalidStateError');
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        outputs.push({ device: info.productName, reportId, data: [...bytes] });
      },
    });
    Object.defineProperty(device, 'opened', { get: () => entry.opened });
    return entry;
  });
  const byName = (name: string) => entries.find((e) => e.info.productName === name)!;
  const matches = (info: StandInDevice, filters: { usagePage?: number; vendorId?: number }[]) =>
    filters.some((f) => (f.vendorId === undefined || f.vendorId === info.vendorId) && (f.usagePage === undefined || info.collections.some((c) => c.usagePage === f.usagePage)));
  Object.assign(hid, {
    onconnect: null,
    ondisconnect: null,
    getDevices: async () => entries.filter((e) => e.info.granted && e.info.plugged).map((e) => e.device),
    requestDevice: async ({ filters }: { filters: { usagePage?: number }[] }) => {
      if (!navigator.userActivation.isActive) throw new DOMException('Must be handling a user gesture to show a permission request.', 'SecurityError');
      chooserFilters.push(filters);
      const offered = entries.filter((e) => e.info.plugged && matches(e.info, filters));
      const picked = offered.find((e) => e.info.productName === pick);
      if (!picked) return [];
      picked.info.granted = true;
      return [picked.device];
    },
  });
  Object.defineProperty(Navigator.prototype, 'hid', { configurable: true, get: () => hid });
  (window as unknown as { __hidStandIn: unknown }).__hidStandIn = {
    outputs: () => outputs,
    chooserOpened: () => chooserFilters.length,
    chooserFilters: () => chooserFilters,
    inputsAt: () => inputsAt,
    opened: (name: string) => byName(name).opened,
    /** The next chooser picks this device. */
    pickNext: (name: string | null) => (pick = name),
    input: (name: string, reportId: number, bytes: number[]) => {
      const entry = byName(name);
      if (!entry.opened) return false;
      inputsAt.push(performance.now());
      fire('inputreport', { device: entry.device, reportId, data: new DataView(Uint8Array.from(bytes).buffer) }, entry.device);
      return true;
    },
    plug: (name: string) => {
      const entry = byName(name);
      entry.info.plugged = true;
      if (entry.info.granted) fire('connect', { device: entry.device }, hid);
    },
    unplug: (name: string) => {
      const entry = byName(name);
      entry.info.plugged = false;
      entry.opened = false;
      if (entry.info.granted) fire('disconnect', { device: entry.device }, hid);
    },
  };
};

type Control = {
  outputs(): OutputRecord[];
  chooserOpened(): number;
  chooserFilters(): unknown[];
  inputsAt(): number[];
  opened(name: string): boolean;
  pickNext(name: string | null): void;
  input(name: string, reportId: number, bytes: number[]): boolean;
  plug(name: string): void;
  unplug(name: string): void;
};

/** Installs the stand-in in every document the page loads from now on. */
export const installHidStandIn = async (page: Page, options: { headsets: RecordedHeadset[]; granted?: RecordedHeadset[]; pick?: RecordedHeadset | null }) => {
  const devices: StandInDevice[] = options.headsets.map((h) => ({
    productName: h.productName,
    vendorId: h.vendorId,
    productId: h.productId,
    collections: parseReportDescriptor(hexBytes(h.descriptor)),
    plugged: true,
    granted: (options.granted ?? []).includes(h),
  }));
  await page.addInitScript(pageScript(standIn, { devices, pick: options.pick?.productName ?? null }));
};

/**
 * An init script from a function and its argument. Under tsx (the benchmarks)
 * esbuild wraps named functions in a `__name` helper the page lacks; the
 * script brings a stand-in for it.
 */
export const pageScript = <A>(fn: (arg: A) => void, arg: A): { content: string } => ({
  content: `(() => { const __name = (target) => target; (${fn.toString()})(${JSON.stringify(arg)}); })();`,
});

type Window = { __hidStandIn: Control };

export const hid = {
  /** Output reports the app sent, in order, as `[report id, bytes]` for one device. */
  outputs: async (page: Page, headset: RecordedHeadset): Promise<[number, number[]][]> =>
    (await page.evaluate(() => (window as unknown as Window).__hidStandIn.outputs())).filter((o) => o.device === headset.productName).map((o) => [o.reportId, o.data]),
  chooserOpened: (page: Page) => page.evaluate(() => (window as unknown as Window).__hidStandIn.chooserOpened()),
  /** The filters of each chooser the app opened. */
  chooserFilters: (page: Page) => page.evaluate(() => (window as unknown as Window).__hidStandIn.chooserFilters()),
  /** When each input report was delivered (`performance.now()` in the page). */
  inputsAt: (page: Page) => page.evaluate(() => (window as unknown as Window).__hidStandIn.inputsAt()),
  opened: (page: Page, headset: RecordedHeadset) => page.evaluate((name) => (window as unknown as Window).__hidStandIn.opened(name), headset.productName),
  pickNext: (page: Page, headset: RecordedHeadset | null) => page.evaluate((name) => (window as unknown as Window).__hidStandIn.pickNext(name), headset?.productName ?? null),
  /** The headset sends an input report (it must be open: the app listening). */
  input: async (page: Page, headset: RecordedHeadset, reportId: number, bytes: number[]) => {
    const delivered = await page.evaluate(([name, id, data]) => (window as unknown as Window).__hidStandIn.input(name, id, data), [headset.productName, reportId, bytes] as const);
    if (!delivered) throw new Error(`${headset.productName} is not open: the app is not listening to it`);
  },
  plug: (page: Page, headset: RecordedHeadset) => page.evaluate((name) => (window as unknown as Window).__hidStandIn.plug(name), headset.productName),
  unplug: (page: Page, headset: RecordedHeadset) => page.evaluate((name) => (window as unknown as Window).__hidStandIn.unplug(name), headset.productName),
};
