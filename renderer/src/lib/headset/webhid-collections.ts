/**
 * How WebHID describes a device's reports (`HIDDevice.collections`), after
 * the specification's IDL (https://wicg.github.io/webhid/). Plain data, no
 * DOM: the report layout code and its Node tests use these alone.
 */

export interface HidReportItem {
  isAbsolute: boolean;
  isArray: boolean;
  isConstant: boolean;
  isRange: boolean;
  hasNull: boolean;
  hasPreferredState: boolean;
  /** Extended usages: usage page in the high 16 bits, usage id in the low 16 (absent for a range). */
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  reportSize: number;
  reportCount: number;
  logicalMinimum: number;
  logicalMaximum: number;
}

export interface HidReportInfo {
  reportId: number;
  items: HidReportItem[];
}

export interface HidCollectionInfo {
  usagePage: number;
  usage: number;
  /** 0 physical, 1 application, 2 logical, ... */
  type: number;
  children: HidCollectionInfo[];
  inputReports: HidReportInfo[];
  outputReports: HidReportInfo[];
  featureReports: HidReportInfo[];
}
