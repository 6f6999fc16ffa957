import type { HidCollectionInfo, HidReportInfo, HidReportItem } from '../../renderer/src/lib/headset/webhid-collections';

/**
 * Turns a raw HID report descriptor into the `collections` WebHID hands the
 * page, following Chromium's parser (services/device/public/cpp/hid:
 * hid_collection.cc, hid_item_state_table.cc, hid_report_item.cc):
 * - a short usage takes the usage page in effect when the Usage item is read;
 * - every input, output and feature field is listed in its collection and in
 *   each of that collection's ancestors;
 * - a report id outside any collection is ignored, as are Push/Pop on an
 *   empty global state.
 * Tests use it to give recorded descriptors to the app exactly as the
 * browser would, and the e2e stand-in device carries its output.
 */

interface GlobalState {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  reportSize: number;
  reportCount: number;
}

interface LocalState {
  usages: number[];
  usageMinimum: number;
  usageMaximum: number;
}

interface Collection {
  info: HidCollectionInfo;
  parent: Collection | null;
}

const emptyLocal = (): LocalState => ({ usages: [], usageMinimum: 0, usageMaximum: 0 });

const signed = (value: number, size: number): number => (size === 1 ? (value << 24) >> 24 : size === 2 ? (value << 16) >> 16 : value | 0);

export const parseReportDescriptor = (bytes: Uint8Array): HidCollectionInfo[] => {
  const top: HidCollectionInfo[] = [];
  const globals: GlobalState[] = [];
  let local = emptyLocal();
  let current = null as Collection | null;
  let reportId = 0;

  const combine = (usage: number) => (usage > 0xffff || globals.length === 0 ? usage : ((globals.at(-1)!.usagePage << 16) | usage) >>> 0);
  const global = () => {
    if (globals.length === 0) globals.push({ usagePage: 0, logicalMinimum: 0, logicalMaximum: 0, reportSize: 0, reportCount: 0 });
    return globals.at(-1)!;
  };

  const addField = (kind: 'inputReports' | 'outputReports' | 'featureReports', flags: number) => {
    const g = globals.at(-1) ?? { usagePage: 0, logicalMinimum: 0, logicalMaximum: 0, reportSize: 0, reportCount: 0 };
    const isRange = local.usageMinimum !== local.usageMaximum;
    const item: HidReportItem = {
      isAbsolute: (flags & 0x04) === 0,
      isArray: (flags & 0x02) === 0,
      isConstant: (flags & 0x01) !== 0,
      isRange,
      hasNull: (flags & 0x40) !== 0,
      hasPreferredState: (flags & 0x20) === 0,
      ...(isRange ? { usageMinimum: local.usageMinimum, usageMaximum: local.usageMaximum } : { usages: [...local.usages] }),
      reportSize: g.reportSize,
      reportCount: g.reportCount,
      logicalMinimum: g.logicalMinimum,
      logicalMaximum: g.logicalMaximum,
    };
    for (let c: Collection | null = current; c; c = c.parent) {
      const reports: HidReportInfo[] = c.info[kind];
      let report = reports.find((r) => r.reportId === reportId);
      if (!report) reports.push((report = { reportId, items: [] }));
      report.items.push(item);
    }
  };

  for (let at = 0; at < bytes.length; ) {
    const prefix = bytes[at]!;
    if (prefix === 0xfe) {
      // Long item: skipped, as Chromium does (none is defined).
      at += 3 + (bytes[at + 1] ?? 0);
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    let value = 0;
    for (let i = 0; i < size; i += 1) value |= (bytes[at + 1 + i] ?? 0) << (8 * i);
    value >>>= 0;
    at += 1 + size;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (type === 0) {
      if (tag === 0x8 || tag === 0x9 || tag === 0xb) {
        if (current) addField(tag === 0x8 ? 'inputReports' : tag === 0x9 ? 'outputReports' : 'featureReports', value);
      } else if (tag === 0xa) {
        const usage = local.usages[0] ?? 0;
        let usagePage = (usage >>> 16) & 0xffff;
        if (usagePage === 0 && globals.length > 0) usagePage = globals.at(-1)!.usagePage;
        const info: HidCollectionInfo = { usagePage, usage: usage & 0xffff, type: value, children: [], inputReports: [], outputReports: [], featureReports: [] };
        if (current) current.info.children.push(info);
        else top.push(info);
        current = { info, parent: current };
      } else if (tag === 0xc) {
        const closing: Collection | null = current;
        current = closing ? closing.parent : null;
      }
      local = emptyLocal();
    } else if (type === 1) {
      switch (tag) {
        case 0x0: global().usagePage = value; break;
        case 0x1: global().logicalMinimum = signed(value, size); break;
        case 0x2: global().logicalMaximum = signed(value, size); break;
        case 0x7: global().reportSize = value; break;
        case 0x8: if (current) reportId = value; break;
        case 0x9: global().reportCount = value; break;
        case 0xa: if (globals.length > 0) globals.push({ ...globals.at(-1)! }); break;
        case 0xb: if (globals.length > 0) globals.pop(); break;
        default: break;
      }
    } else if (type === 2) {
      if (tag === 0x0) local.usages.push(combine(value));
      else if (tag === 0x1) local.usageMinimum = combine(value);
      else if (tag === 0x2) local.usageMaximum = combine(value);
    }
  }
  return top;
};

/** `"05 0B 09 05 ..."` (any spacing, commas or `0x` prefixes) to bytes. */
export const hexBytes = (text: string): Uint8Array =>
  Uint8Array.from((text.replace(/0x/gi, '').match(/[0-9a-f]{2}/gi) ?? []).map((pair) => parseInt(pair, 16)));
