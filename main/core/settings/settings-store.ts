import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  availabilityChoices,
  defaultWireSampleRate,
  dispositionLimits,
  globalShortcutActions,
  headsetChoiceSchema,
  keyComboPattern,
  locales,
  providers,
  shortcutActions,
  themes,
  wireSampleRates,
  type AvailabilityChoice,
  type Settings,
} from '../../../preload/contract';
import { defaultGlobalShortcuts, effectiveShortcuts, shortcutOverrides } from './shortcut-rules';

const accountSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  provider: z.enum(providers),
  baseUrl: z.string().url(),
});

/** A team line as stored in settings: its agent token lives in the keychain under `id`. */
const teamLineSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  serverUrl: z.string().url(),
});

const keyCombo = z.string().regex(keyComboPattern);

/** The agent's workstation preferences and availability as stored; anything unreadable falls back to its default. */
const preferenceFields = {
  availability: z.enum(availabilityChoices).catch('available').default('available'),
  theme: z.enum(themes).catch('system').default('system'),
  alwaysOnTop: z.boolean().catch(false).default(false),
  ringVolume: z.number().min(0).max(1).catch(0.8).default(0.8),
  ringerDevice: z.object({ id: z.string(), label: z.string() }).nullable().catch(null).default(null),
  /** Only the keys the agent changed; the rest are the defaults. */
  shortcuts: z.partialRecord(z.enum(shortcutActions), keyCombo).catch({}).default({}),
  globalShortcuts: z
    .object({ enabled: z.boolean(), keys: z.object(Object.fromEntries(globalShortcutActions.map((a) => [a, keyCombo])) as Record<(typeof globalShortcutActions)[number], typeof keyCombo>) })
    .catch(defaultGlobalShortcuts)
    .default(defaultGlobalShortcuts),
  lineAnswering: z
    .record(z.string(), z.object({ autoAnswerSeconds: z.number().int().min(1).max(60).nullable(), wrapUpSeconds: z.number().int().min(5).max(900).nullable() }))
    .catch({})
    .default({}),
  windowSize: z.object({ width: z.number().int().min(200), height: z.number().int().min(200) }).nullable().catch(null).default(null),
};

const fileSchema = z.object({
  version: z.literal(1),
  locale: z.enum(locales).nullable().default(null),
  pollIntervalMs: z.number().int().min(250).max(60_000).default(1000),
  agentName: z.string().max(80).nullable().default(null),
  preAccept: z.boolean().default(true),
  accounts: z.array(accountSchema).default([]),
  sampleRate: z.literal(wireSampleRates).default(defaultWireSampleRate),
  prompts: z.array(z.object({ id: z.string(), label: z.string(), url: z.string() })).default([]),
  headset: headsetChoiceSchema.nullable().default(null),
  ...preferenceFields,
  dispositions: z.array(z.string().min(1).max(dispositionLimits.length)).max(dispositionLimits.count).default([]),
  dispositionFreeText: z.boolean().default(true),
  teamLines: z.array(teamLineSchema).default([]),
});

/** A line as stored in settings: everything but the key, which lives in the keychain. */
export type StoredAccount = z.output<typeof accountSchema>;
export type StoredTeamLine = z.output<typeof teamLineSchema>;
export type SettingsFile = z.output<typeof fileSchema>;

const empty = (): SettingsFile => ({
  version: 1,
  locale: null,
  pollIntervalMs: 1000,
  preAccept: true,
  agentName: null,
  accounts: [],
  sampleRate: defaultWireSampleRate,
  prompts: [],
  headset: null,
  availability: 'available',
  theme: 'system',
  alwaysOnTop: false,
  ringVolume: 0.8,
  ringerDevice: null,
  shortcuts: {},
  globalShortcuts: defaultGlobalShortcuts,
  lineAnswering: {},
  windowSize: null,
  dispositions: [],
  dispositionFreeText: true,
  teamLines: [],
});

/**
 * Settings as one JSON file in the profile folder, written atomically
 * (temp file + rename). A file that cannot be read is set aside beside the
 * original, never overwritten, and the app starts from defaults.
 */
export class SettingsStore {
  private data: SettingsFile;
  /** Set when the file on disk could not be read; the path the bad copy was moved to. */
  readonly recoveredFrom: string | null = null;

  constructor(private readonly file: string, now: () => number = Date.now) {
    if (!existsSync(file)) {
      this.data = empty();
      return;
    }
    const raw = readFileSync(file, 'utf8');
    const parsed = fileSchema.safeParse(safeJson(raw));
    if (parsed.success) {
      this.data = parsed.data;
    } else {
      const aside = `${file}.unreadable-${now()}`;
      renameSync(file, aside);
      this.recoveredFrom = aside;
      this.data = empty();
    }
  }

  get settings(): Settings {
    const { locale, pollIntervalMs, preAccept, agentName, sampleRate, prompts, headset, dispositions, dispositionFreeText } = this.data;
    const { theme, alwaysOnTop, ringVolume, ringerDevice, globalShortcuts, lineAnswering, windowSize } = this.data;
    const preferences = { theme, alwaysOnTop, ringVolume, ringerDevice, globalShortcuts, lineAnswering, windowSize, shortcuts: effectiveShortcuts(this.data.shortcuts) };
    return { locale, pollIntervalMs, preAccept, agentName, sampleRate, prompts, headset, dispositions, dispositionFreeText, ...preferences };
  }

  /** What the agent last set in the header or the tray; kept across restarts. */
  get availability(): AvailabilityChoice {
    return this.data.availability;
  }

  setAvailability(availability: AvailabilityChoice): void {
    if (availability !== this.data.availability) this.write({ ...this.data, availability });
  }

  get accounts(): readonly StoredAccount[] {
    return this.data.accounts;
  }

  get teamLines(): readonly StoredTeamLine[] {
    return this.data.teamLines;
  }

  saveTeamLine(line: StoredTeamLine): void {
    const exists = this.data.teamLines.some((l) => l.id === line.id);
    this.write({ ...this.data, teamLines: exists ? this.data.teamLines.map((l) => (l.id === line.id ? line : l)) : [...this.data.teamLines, line] });
  }

  removeTeamLine(id: string): boolean {
    const teamLines = this.data.teamLines.filter((l) => l.id !== id);
    if (teamLines.length === this.data.teamLines.length) return false;
    this.write({ ...this.data, teamLines });
    return true;
  }

  /** Applies a change; `shortcuts` is the complete map wanted (null: the defaults again). */
  updateSettings(patch: Partial<Omit<Settings, 'shortcuts'>> & { shortcuts?: Settings['shortcuts'] | null }): Settings {
    const { shortcuts, ...rest } = patch;
    const next = { ...this.data, ...rest, ...(shortcuts === undefined ? {} : { shortcuts: shortcutOverrides(shortcuts) }) };
    // An empty agent name means "no name", not a name made of nothing.
    if (next.agentName === '') next.agentName = null;
    this.write(next);
    return this.settings;
  }

  saveAccount(account: StoredAccount): void {
    const others = this.data.accounts.filter((a) => a.id !== account.id);
    const index = this.data.accounts.findIndex((a) => a.id === account.id);
    const accounts = index === -1 ? [...others, account] : this.data.accounts.map((a) => (a.id === account.id ? account : a));
    this.write({ ...this.data, accounts });
  }

  removeAccount(id: string): boolean {
    const accounts = this.data.accounts.filter((a) => a.id !== id);
    if (accounts.length === this.data.accounts.length) return false;
    this.write({ ...this.data, accounts });
    return true;
  }

  private write(next: SettingsFile): void {
    const validated = fileSchema.parse(next);
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(validated, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    this.data = validated;
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
