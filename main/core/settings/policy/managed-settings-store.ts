import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { defaultBaseUrl, type Settings } from '../../../../preload/contract';
import { SettingsStore, type StoredAccount } from '../settings-store';
import type { ManagedPolicy } from './managed-policy';

/** What the store remembers beside settings.json: which settings the agent chose, which policy lines were added. */
interface Choices {
  chosen: (keyof Settings)[];
  provisioned: string[];
}

const readChoices = (file: string): Choices => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Choices>;
    return { chosen: Array.isArray(parsed.chosen) ? parsed.chosen : [], provisioned: Array.isArray(parsed.provisioned) ? parsed.provisioned : [] };
  } catch {
    return { chosen: [], provisioned: [] };
  }
};

/**
 * The settings store under admin policy. Reads give the settings in force
 * (Enforced values, Defaults until the agent chooses, the agent's own);
 * writes that policy does not allow are refused with `SETTING_MANAGED` (or
 * the allowlist's code) before anything is saved. Lines whose type or
 * address the policy refuses stay in the file but are not offered.
 */
export class ManagedSettingsStore extends SettingsStore {
  private readonly choicesFile: string;
  private readonly choices: Choices;

  constructor(
    file: string,
    readonly policy: ManagedPolicy,
    now: () => number = Date.now,
  ) {
    super(file, now);
    this.choicesFile = `${file.replace(/\.json$/, '')}.choices.json`;
    this.choices = existsSync(this.choicesFile) ? readChoices(this.choicesFile) : { chosen: [], provisioned: [] };
  }

  override get settings(): Settings {
    return this.policy.effectiveSettings(super.settings, new Set(this.choices.chosen));
  }

  override get accounts(): readonly StoredAccount[] {
    return super.accounts.filter((account) => this.allowed(account));
  }

  /** Lines kept in the file that policy does not allow (another type or address). */
  blockedAccounts(): readonly StoredAccount[] {
    return super.accounts.filter((account) => !this.allowed(account));
  }

  override updateSettings(patch: Partial<Settings>): Settings {
    this.policy.assertSettingsChange(patch, this.settings);
    super.updateSettings(patch);
    this.remember({ chosen: [...new Set([...this.choices.chosen, ...(Object.keys(patch) as (keyof Settings)[])])] });
    return this.settings;
  }

  override saveAccount(account: StoredAccount): void {
    const stored = super.accounts.find((a) => a.id === account.id);
    this.policy.assertLineChange(
      stored
        ? { kind: 'update', id: account.id, renamesOrMoves: stored.label !== account.label || stored.baseUrl !== account.baseUrl, baseUrl: stored.baseUrl !== account.baseUrl ? account.baseUrl : undefined }
        : { kind: 'add', provider: account.provider, baseUrl: account.baseUrl },
    );
    super.saveAccount(account);
  }

  override removeAccount(id: string): boolean {
    this.policy.assertLineChange({ kind: 'remove', id });
    return super.removeAccount(id);
  }

  /**
   * Adds the lines IT set up that are not there yet: Enforced lines always
   * (and back in their managed form), Defaults lines once (an agent who
   * removed one keeps it removed). Returns how many were added or restored.
   */
  provisionLines(): number {
    let changed = 0;
    for (const line of this.policy.provisionedLines(defaultBaseUrl)) {
      const stored = super.accounts.find((a) => a.id === line.id);
      const account = { id: line.id, label: line.label, provider: line.provider, baseUrl: line.baseUrl };
      if (line.enforced ? stored && JSON.stringify(stored) === JSON.stringify(account) : stored || this.choices.provisioned.includes(line.id)) continue;
      super.saveAccount(account);
      this.remember({ provisioned: [...new Set([...this.choices.provisioned, line.id])] });
      changed += 1;
    }
    return changed;
  }

  private allowed(account: StoredAccount): boolean {
    return this.policy.allowsNumberType(account.provider) && this.policy.allowsBaseUrl(account.baseUrl);
  }

  private remember(patch: Partial<Choices>): void {
    Object.assign(this.choices, patch);
    const temp = `${this.choicesFile}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(this.choices, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.choicesFile);
  }
}
