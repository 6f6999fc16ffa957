import type { AccountView, Provider } from '../../../preload/contract';
import { defaultBaseUrl } from '../../../preload/contract';
import type { CallService } from '../calls/call-service';
import type { Handlers } from '../commands/dispatcher';
import type { CredentialStore } from '../credentials/credential-store';
import type { DemoMode } from '../demo/demo-mode';
import { AppFailure } from '../errors';
import { assertKeyMayFollowAddress } from '../lines/key-origin';
import type { LineManager } from '../lines/line-manager';
import type { Logger } from '../logging/logger';
import type { PermissionService } from '../providers/meta/permissions';
import type { ManagedPolicy } from '../settings/policy/managed-policy';
import type { SettingsStore } from '../settings/settings-store';

export interface AccountsDeps {
  settings: SettingsStore;
  keychain: CredentialStore;
  lines: LineManager;
  calls: CallService;
  permissions: PermissionService;
  demo: DemoMode;
  /** Admin policy: refuses line changes it does not allow before any key is written. */
  policy?: Pick<ManagedPolicy, 'assertLineChange'>;
  logger: Logger;
  /** The lines changed: the window is told (accounts and app info). */
  changed: () => void;
}

type AccountCommand = 'accounts.list' | 'accounts.add' | 'accounts.update' | 'accounts.remove' | 'connections.list';

/**
 * The agent's lines: added with a key that goes to the OS keychain first (the
 * settings file never holds one), edited, removed. The first real line ends
 * demo mode; removing the last one brings it back.
 */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  /** Opens the configured lines at start. */
  openAll(): void {
    for (const account of this.deps.settings.accounts) this.deps.lines.open({ ...account, demo: false });
  }

  async add(request: { label: string; provider: Provider; apiKey: string; baseUrl?: string | undefined }): Promise<AccountView> {
    const { settings, keychain } = this.deps;
    const id = `line_${crypto.randomUUID()}`;
    this.deps.policy?.assertLineChange({ kind: 'add', provider: request.provider, baseUrl: request.baseUrl ?? defaultBaseUrl });
    // The key goes to the keychain first: if that fails nothing is saved and the form keeps what was typed.
    await keychain.set(id, request.apiKey);
    const account = { id, label: request.label, provider: request.provider, baseUrl: request.baseUrl ?? defaultBaseUrl };
    try {
      settings.saveAccount(account);
    } catch (error) {
      await keychain.delete(id).catch(() => false);
      throw error;
    }
    this.deps.demo.leave();
    this.deps.lines.open({ ...account, demo: false });
    this.deps.logger.info({ accountId: id, provider: account.provider }, 'line added');
    this.deps.changed();
    return this.view(id);
  }

  async update(request: { id: string; label?: string | undefined; apiKey?: string | undefined; baseUrl?: string | undefined }): Promise<AccountView> {
    const stored = this.deps.settings.accounts.find((a) => a.id === request.id);
    if (!stored) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured (demo lines cannot be edited).');
    const moves = request.baseUrl !== undefined && request.baseUrl !== stored.baseUrl;
    const renamesOrMoves = moves || (request.label !== undefined && request.label !== stored.label);
    this.deps.policy?.assertLineChange({ kind: 'update', id: stored.id, renamesOrMoves, baseUrl: moves ? request.baseUrl : undefined });
    // The stored key never follows the line to another origin: that needs the key again, before anything is saved.
    assertKeyMayFollowAddress(stored, request);
    if (request.apiKey) await this.deps.keychain.set(stored.id, request.apiKey);
    const account = { ...stored, label: request.label ?? stored.label, baseUrl: request.baseUrl ?? stored.baseUrl };
    this.deps.settings.saveAccount(account);
    this.deps.lines.open({ ...account, demo: false });
    this.deps.logger.info({ accountId: account.id, keyReplaced: Boolean(request.apiKey) }, 'line updated');
    this.deps.changed();
    return this.view(account.id);
  }

  async remove(id: string): Promise<{ removed: boolean }> {
    const { settings, keychain, lines, calls, permissions, logger } = this.deps;
    if (!settings.accounts.some((a) => a.id === id)) return { removed: false };
    this.deps.policy?.assertLineChange({ kind: 'remove', id });
    lines.close(id);
    calls.forgetLine(id);
    permissions.forgetLine(id);
    settings.removeAccount(id);
    await keychain.delete(id).catch((error: unknown) => {
      logger.warn({ accountId: id, err: error }, 'key could not be deleted from the keychain');
    });
    // Team lines are real lines too: demo mode comes back only when neither kind is left.
    if (settings.accounts.length === 0 && settings.teamLines.length === 0) await this.deps.demo.enter();
    logger.info({ accountId: id }, 'line removed');
    this.deps.changed();
    return { removed: true };
  }

  handlers(): Handlers<AccountCommand> {
    return {
      'accounts.list': () => this.deps.lines.views(),
      'accounts.add': (request) => this.add(request),
      'accounts.update': (request) => this.update(request),
      'accounts.remove': ({ id }) => this.remove(id),
      'connections.list': () => this.deps.lines.connections(),
    };
  }

  private view(id: string): AccountView {
    const view = this.deps.lines.views().find((v) => v.id === id);
    if (!view) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    return view;
  }
}
