import type { AppError, ConnectionState, LineFeatures, Provider } from '../../../preload/contract';
import type { Line, LineManager } from '../lines/line-manager';
import type { AgentRole, TeamNumberView } from './protocol';
import type { TeamConnection } from './team-connection';
import { TeamNumberClient } from './team-number-client';
import { teamAccountId } from './team-views';

interface OpenNumber {
  accountId: string;
  line: Line;
  /** What the number type can do; an agent who is not a supervisor gets it without listen-in. */
  features: LineFeatures;
  label: string;
  provider: Provider;
  /** Opened only so a supervisor can listen to one of its calls: the agent does not serve it, and it is not listed. */
  hidden: boolean;
}

export interface TeamLineNumbersDeps {
  lineId: string;
  serverUrl: string;
  lines: Pick<LineManager, 'attach' | 'close' | 'setConnection'>;
  connection: Pick<TeamConnection, 'request'>;
  /** A number's line went away: its calls and permissions are forgotten. */
  forgetLine: (accountId: string) => void;
}

/**
 * The line manager's lines for one team line's numbers: one line per number
 * the agent serves (a team server's client, no poller, no key), kept in
 * step with what the server says at each welcome, and their connection with
 * the team server's.
 */
export class TeamLineNumbers {
  private readonly open = new Map<string, OpenNumber>();
  private connection: { state: ConnectionState; error?: AppError } = { state: 'connecting' };
  private role: AgentRole | undefined;

  constructor(private readonly deps: TeamLineNumbersDeps) {}

  /** The app's line of a team number, when it has one. */
  accountOf(number: string): string | undefined {
    return this.open.get(number)?.accountId;
  }

  labelOf(number: string): string {
    return this.open.get(number)?.label ?? number;
  }

  /** The numbers the server says the agent serves now; returns whether the listed lines changed. */
  sync(numbers: readonly TeamNumberView[]): boolean {
    let changed = false;
    for (const [id, known] of [...this.open]) {
      if (known.hidden || numbers.some((n) => n.id === id)) continue;
      this.closeNumber(id);
      changed = true;
    }
    for (const number of numbers) {
      const known = this.open.get(number.id);
      if (known && !known.hidden && known.label === number.label && known.provider === number.provider) continue;
      this.attach(number.id, number.label, number.provider, false);
      changed = true;
    }
    return changed;
  }

  /** A line for a number the agent may not serve (a supervisor listening in); not listed to the agent. */
  ensure(number: string, provider: Provider, label = number): string {
    return this.accountOf(number) ?? this.attach(number, label, provider, true);
  }

  /**
   * The agent's role, as the server said at welcome: on a team number only
   * supervisors listen in (the server refuses the others), so an agent's
   * lines do not offer it.
   */
  setRole(role: AgentRole | undefined): void {
    this.role = role;
    for (const open of this.open.values()) this.applyRole(open);
  }

  setConnection(state: ConnectionState, error?: AppError): void {
    this.connection = error ? { state, error } : { state };
    for (const { accountId } of this.open.values()) this.deps.lines.setConnection(accountId, state, error);
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.closeNumber(id);
  }

  private attach(number: string, label: string, provider: Provider, hidden: boolean): string {
    const accountId = teamAccountId(this.deps.lineId, number);
    const line = this.deps.lines.attach(
      { id: accountId, label, provider, baseUrl: this.deps.serverUrl, demo: false, teamLineId: this.deps.lineId, ...(hidden ? { hidden } : {}) },
      new TeamNumberClient(this.deps.connection, number),
    );
    const open: OpenNumber = { accountId, line, features: line.features, label, provider, hidden };
    this.applyRole(open);
    this.open.set(number, open);
    this.deps.lines.setConnection(accountId, this.connection.state, this.connection.error);
    return accountId;
  }

  private applyRole({ line, features }: OpenNumber): void {
    line.features = this.role === 'supervisor' || !features.listenIn ? features : { ...features, listenIn: false };
  }

  private closeNumber(number: string): void {
    const known = this.open.get(number);
    if (!known) return;
    this.open.delete(number);
    this.deps.lines.close(known.accountId);
    this.deps.forgetLine(known.accountId);
  }
}
