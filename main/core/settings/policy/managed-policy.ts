import { defaultBaseUrl, providerByNumberType, type Provider, type Settings } from '../../../../preload/contract';
import { normalizePilotAddress, pilotAddressProblem } from '../../../../preload/contract/pilot-address';
import { AppFailure } from '../../errors';
import type { CheckPolicy } from './policy-document';
import type { LockableSetting, PolicyValues } from './policy-keys';
import { mergePolicyReadings, type PolicyStatus } from './policy-status';
import type { PolicyReading } from './policy-source';


/** The user settings that policy values and locks map to. */
/** The settings policy can lock; the others (the headset, the workstation preferences) are the desk's own, and the disposition list the team's own: never managed. */
const settingOf = { locale: 'language', pollIntervalMs: 'pollInterval', preAccept: 'preAccept', agentName: 'agentName', sampleRate: 'sampleRate', prompts: 'prompts' } as const satisfies Partial<Record<keyof Settings, LockableSetting>>;

/** A line IT set up, before it exists in the settings. */
export interface ProvisionedLine {
  id: string;
  label: string;
  provider: Provider;
  baseUrl: string;
  /** Enforced lines cannot be renamed, moved or removed; Defaults lines are the agent's once added. */
  enforced: boolean;
}

export interface UpdatePolicy {
  enabled: boolean;
  channel: 'stable' | 'beta';
  url: string | null;
}

/** A short, stable id for a line IT set up (FNV-1a of what defines it). */
const lineId = (name: string, type: string, address: string): string => {
  let hash = 0x811c9dc5;
  for (const char of `${name}\u0000${type}\u0000${address}`) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return `policy_${hash.toString(16).padStart(8, '0')}`;
};

const sameOrUnder = (url: string, allowed: string): boolean => {
  try {
    const candidate = new URL(url);
    const rule = new URL(allowed);
    const prefix = rule.pathname.endsWith('/') ? rule.pathname : `${rule.pathname}/`;
    return candidate.protocol === rule.protocol && candidate.host === rule.host && (rule.pathname === '/' || `${candidate.pathname}/`.startsWith(prefix));
  } catch {
    return false;
  }
};

/**
 * Admin policy in force: computes the settings the app uses from the
 * agent's own and the policy's two levels, and answers "is this locked" and
 * "is this allowed" so the main side refuses a change, whatever the window
 * shows. Enforced values win; Defaults apply until the agent chooses.
 */
export class ManagedPolicy {
  readonly status: PolicyStatus;
  private readonly enforced: PolicyValues;
  private readonly defaults: PolicyValues;

  /** `check` is the schema checker (policy-document.ts), loaded by the caller only when there are readings. */
  constructor(readings: readonly PolicyReading[] = [], check?: CheckPolicy) {
    const merged = mergePolicyReadings(readings, check ?? (() => ({ ok: false, problems: ['no schema checker was given'] })));
    this.status = merged.status;
    this.enforced = merged.enforced;
    this.defaults = merged.defaults;
  }

  /** Settings the agent cannot change: those with an Enforced value and those IT listed in LockedSettings. */
  lockedSettings(): LockableSetting[] {
    const locked = new Set<LockableSetting>(this.enforced.LockedSettings ?? []);
    if (this.enforced.Language !== undefined) locked.add('language');
    if (this.enforced.PollIntervalMs !== undefined) locked.add('pollInterval');
    if (this.enforced.PreAccept !== undefined) locked.add('preAccept');
    return [...locked];
  }

  isLocked(setting: LockableSetting): boolean {
    return this.lockedSettings().includes(setting);
  }

  /** The poll periods the agent may choose (Enforced bounds, else Defaults, else the app's own). */
  pollBounds(): { min: number; max: number } {
    return {
      min: this.enforced.PollIntervalMinMs ?? this.defaults.PollIntervalMinMs ?? 250,
      max: this.enforced.PollIntervalMaxMs ?? this.defaults.PollIntervalMaxMs ?? 60_000,
    };
  }

  /** The settings the app runs with: `chosen` names what the agent set themselves (Defaults yield to it). */
  effectiveSettings(user: Settings, chosen: ReadonlySet<keyof Settings>): Settings {
    const pick = <K extends keyof Settings>(key: K, enforced: Settings[K] | undefined, fallback: Settings[K] | undefined): Settings[K] =>
      enforced !== undefined ? enforced : chosen.has(key) || fallback === undefined ? user[key] : fallback;
    const { min, max } = this.pollBounds();
    const poll = pick('pollIntervalMs', this.enforced.PollIntervalMs, this.defaults.PollIntervalMs);
    return {
      ...user,
      locale: pick('locale', this.enforced.Language, this.defaults.Language),
      pollIntervalMs: Math.min(max, Math.max(min, poll)),
      preAccept: pick('preAccept', this.enforced.PreAccept, this.defaults.PreAccept),
    };
  }

  /** Refuses a settings change that touches a locked setting or leaves the allowed poll periods. */
  assertSettingsChange(patch: Partial<Settings>, current: Settings): void {
    for (const key of Object.keys(patch) as (keyof Settings)[]) {
      const setting = (settingOf as Partial<Record<keyof Settings, LockableSetting>>)[key];
      if (setting && this.isLocked(setting) && JSON.stringify(patch[key]) !== JSON.stringify(current[key])) {
        throw new AppFailure('SETTING_MANAGED', `Your organization manages the ${setting} setting, so it cannot be changed here.`, { setting });
      }
    }
    const { min, max } = this.pollBounds();
    if (patch.pollIntervalMs !== undefined && (patch.pollIntervalMs < min || patch.pollIntervalMs > max)) {
      throw new AppFailure('POLL_INTERVAL_OUT_OF_RANGE', `Your organization allows a poll period from ${min} to ${max} ms.`, { min, max });
    }
  }

  allowsNumberType(provider: Provider): boolean {
    const allowed = this.enforced.AllowedNumberTypes;
    return !allowed || allowed.some((type) => providerByNumberType[type] === provider);
  }

  allowsBaseUrl(url: string): boolean {
    const allowed = this.enforced.BaseUrlAllowlist;
    return !allowed || allowed.some((rule) => sameOrUnder(url, rule));
  }

  /**
   * Refuses a line change policy does not allow: a type or address outside
   * the allowlists, any change while lines are locked, and renaming, moving
   * or removing a line IT enforced. Replacing a line's key is always allowed.
   */
  assertLineChange(change: { kind: 'add' | 'update' | 'remove'; id?: string; provider?: Provider; baseUrl?: string; renamesOrMoves?: boolean }): void {
    const managedLine = change.id !== undefined && this.provisionedLines().some((line) => line.enforced && line.id === change.id);
    const editsLine = change.kind !== 'update' || change.renamesOrMoves === true;
    if (editsLine && (this.isLocked('lines') || managedLine)) {
      throw new AppFailure('SETTING_MANAGED', 'Your organization manages the lines on this computer; only their keys can be entered here.', { setting: 'lines' });
    }
    if (change.provider && !this.allowsNumberType(change.provider)) {
      throw new AppFailure('NUMBER_TYPE_NOT_ALLOWED', 'Your organization does not allow this kind of number on this computer.', { provider: change.provider });
    }
    if (change.baseUrl && !this.allowsBaseUrl(change.baseUrl)) {
      throw new AppFailure('BASE_URL_NOT_ALLOWED', `Your organization allows only these Pilot Status addresses: ${this.enforced.BaseUrlAllowlist!.join(', ')}.`, {
        allowed: this.enforced.BaseUrlAllowlist!.join(' '),
      });
    }
  }

  /**
   * Lines IT set up (Enforced first, then Defaults), never with keys. Their
   * addresses follow the agent's own rules: stored without a trailing `/v1`,
   * and one a key could not safely travel to (not https, unless to this
   * computer) is never set up, whatever checked the document before.
   */
  provisionedLines(fallbackBaseUrl = defaultBaseUrl): ProvisionedLine[] {
    const lines = (values: PolicyValues, enforced: boolean): ProvisionedLine[] =>
      (values.Lines ?? []).flatMap((line) => {
        const address = line.Address ?? fallbackBaseUrl;
        if (pilotAddressProblem(address)) return [];
        const baseUrl = normalizePilotAddress(address);
        return [{ id: lineId(line.Name, line.Type, baseUrl), label: line.Name, provider: providerByNumberType[line.Type], baseUrl, enforced }];
      });
    const enforced = lines(this.enforced, true);
    return [...enforced, ...lines(this.defaults, false).filter((line) => !enforced.some((e) => e.id === line.id))];
  }

  updates(): UpdatePolicy {
    return {
      enabled: this.enforced.UpdatesEnabled ?? this.defaults.UpdatesEnabled ?? true,
      channel: this.enforced.UpdateChannel ?? this.defaults.UpdateChannel ?? 'stable',
      url: this.enforced.UpdateUrl ?? this.defaults.UpdateUrl ?? null,
    };
  }

  /** False when IT turned sending diagnostics anywhere off (saving a file for support stays possible). */
  diagnosticsUpload(): boolean {
    return this.enforced.DiagnosticsUpload ?? this.defaults.DiagnosticsUpload ?? true;
  }

  teamServerUrl(): string | null {
    return this.enforced.TeamServerUrl ?? this.defaults.TeamServerUrl ?? null;
  }
}
