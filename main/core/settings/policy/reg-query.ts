/** One registry value as `reg query` prints it. */
export interface RegistryValue {
  name: string;
  type: string;
  data: string;
}

/** A key and everything below it, as read from `reg query <key> /s`. */
export interface RegistryKey {
  path: string;
  values: RegistryValue[];
  subkeys: Map<string, RegistryKey>;
}

const valueLine = /^ {4}(.*?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/;

/**
 * Parses the text `reg query KEY /s` prints: a line with each key's full
 * path, then one indented line per value (`    Name    REG_SZ    data`),
 * blank lines between keys. Returns the tree under `root`, or null when the
 * output holds no such key.
 */
export const parseRegQuery = (output: string, root: string): RegistryKey | null => {
  const keys = new Map<string, RegistryKey>();
  let current: RegistryKey | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      current = { path: line.trim(), values: [], subkeys: new Map() };
      keys.set(current.path.toLowerCase(), current);
      continue;
    }
    const match = valueLine.exec(line);
    if (match && current) current.values.push({ name: match[1]!, type: match[2]!, data: match[3] ?? '' });
  }
  const top = keys.get(normaliseRoot(root).toLowerCase());
  if (!top) return null;
  // Link each key to its parent by path.
  for (const key of keys.values()) {
    const cut = key.path.lastIndexOf('\\');
    const parent = keys.get(key.path.slice(0, cut).toLowerCase());
    if (parent && key !== top) parent.subkeys.set(key.path.slice(cut + 1).toLowerCase(), key);
  }
  return top;
};

/** `reg` prints hive names in full; accept the short forms (HKLM, HKCU) for the root. */
export const normaliseRoot = (key: string): string =>
  key.replace(/^HKLM(?=\\)/i, 'HKEY_LOCAL_MACHINE').replace(/^HKCU(?=\\)/i, 'HKEY_CURRENT_USER');

/** The value's data as a JSON value: DWORD/QWORD as numbers, MULTI_SZ as a list, the rest as text. */
export const registryData = (value: RegistryValue): number | string | string[] => {
  switch (value.type) {
    case 'REG_DWORD':
    case 'REG_QWORD':
      return Number.parseInt(value.data, 16);
    case 'REG_MULTI_SZ':
      return value.data.split('\\0').filter((item) => item !== '');
    default:
      return value.data;
  }
};
