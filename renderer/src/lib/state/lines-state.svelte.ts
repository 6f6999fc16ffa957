import type { AccountView, CommandRequest, ConnectionView, PilotApi, Result } from '../../../../preload/contract';
import { providers } from '../../../../preload/contract/constants';
import type { OrganizationState } from './organization-state.svelte';

/** The configured lines and how each one's connection to Pilot Status is doing. */
export class LinesState {
  accounts = $state<AccountView[]>([]);
  connections = $state<Record<string, ConnectionView>>({});

  constructor(
    private readonly api: PilotApi,
    private readonly organization: OrganizationState | null = null,
  ) {
    api.on('accounts.changed', (accounts) => (this.accounts = accounts));
    api.on('connections.changed', (connection) => (this.connections[connection.accountId] = connection));
  }

  async load(): Promise<void> {
    const [accounts, connections] = await Promise.all([this.api.accounts.list({}), this.api.connections.list({})]);
    if (accounts.ok) this.accounts = accounts.value;
    if (connections.ok) this.connections = Object.fromEntries(connections.value.map((c) => [c.accountId, c]));
  }

  /** IT locked the lines: none can be added or removed here. */
  get locked(): boolean {
    return this.organization?.locked('lines') ?? false;
  }

  /** A line IT manages: only its key can be entered. */
  managed(accountId: string): boolean {
    return this.organization?.managesLine(accountId) ?? false;
  }

  label(accountId: string): string {
    return this.accounts.find((a) => a.id === accountId)?.label ?? '';
  }

  /** The lines in the contract's order of number types (Meta first: the usual way to call out), each type in the order added. */
  get inTypeOrder(): AccountView[] {
    return providers.flatMap((provider) => this.accounts.filter((a) => a.provider === provider));
  }

  /** Lines whose connection needs the agent's attention. */
  get troubled(): { account: AccountView; connection: ConnectionView }[] {
    return this.accounts
      .map((account) => ({ account, connection: this.connections[account.id] }))
      .filter((x): x is { account: AccountView; connection: ConnectionView } => !!x.connection && x.connection.state !== 'ok' && x.connection.state !== 'connecting');
  }

  add(request: CommandRequest<'accounts.add'>): Promise<Result<AccountView>> {
    return this.api.accounts.add(request);
  }

  update(request: CommandRequest<'accounts.update'>): Promise<Result<AccountView>> {
    return this.api.accounts.update(request);
  }

  remove(id: string): Promise<Result<{ removed: boolean }>> {
    return this.api.accounts.remove({ id });
  }
}
