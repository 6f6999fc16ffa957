import type { HidCollectionInfo } from './webhid-collections';

/**
 * The part of WebHID (https://wicg.github.io/webhid/) the headset code uses.
 * TypeScript's DOM library does not describe WebHID yet; these follow the
 * specification's IDL, so Chromium's and Electron's objects fit them.
 */
export type { HidCollectionInfo, HidReportInfo, HidReportItem } from './webhid-collections';

export interface HidInputReportEvent extends Event {
  readonly device: HidDevice;
  readonly reportId: number;
  readonly data: DataView;
}

export interface HidDevice {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  forget?(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
  addEventListener(type: 'inputreport', listener: (event: HidInputReportEvent) => void): void;
  removeEventListener(type: 'inputreport', listener: (event: HidInputReportEvent) => void): void;
}

export interface HidConnectionEvent extends Event {
  readonly device: HidDevice;
}

export interface HidDeviceFilter {
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

export interface Hid {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<HidDevice[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: HidConnectionEvent) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (event: HidConnectionEvent) => void): void;
}

/** `navigator.hid` where the browser offers WebHID (Chromium and Electron on a secure origin), else null. */
export const webHid = (): Hid | null => ((navigator as Navigator & { hid?: Hid }).hid ?? null);
