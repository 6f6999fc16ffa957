import type { AgentStatus, PresenceStatus, PresenceView } from '../../core/team/protocol';
import type { AgentRecord } from './agent-store';

/**
 * One connected agent's presence on this instance: what they chose, and the
 * calls they are on (set when their accept or dial goes through, cleared
 * when the call ends). While on a call they show `on-call` and ring for
 * nothing else.
 */
export class AgentPresence {
  private readonly calls = new Set<string>();
  private chosenStatus: AgentStatus;
  private sinceMs: number;
  private offline = false;

  constructor(
    readonly agent: AgentRecord,
    chosen: AgentStatus,
    calls: readonly string[] = [],
    now = Date.now(),
  ) {
    this.chosenStatus = chosen;
    for (const call of calls) this.calls.add(call);
    this.sinceMs = now;
  }

  get status(): PresenceStatus {
    if (this.offline) return 'offline';
    return this.calls.size > 0 ? 'on-call' : this.chosenStatus;
  }

  /** Whether a call on `number` may ring this agent now. */
  canRing(number: string): boolean {
    return this.status === 'available' && this.agent.numbers.includes(number);
  }

  hasCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** Each change returns whether the visible status changed (and so must be published). */
  choose(status: AgentStatus, now = Date.now()): boolean {
    return this.change(() => (this.chosenStatus = status), now);
  }

  startCall(callId: string, now = Date.now()): boolean {
    if (this.calls.has(callId)) return false;
    return this.change(() => this.calls.add(callId), now);
  }

  endCall(callId: string, now = Date.now()): boolean {
    if (!this.calls.has(callId)) return false;
    return this.change(() => this.calls.delete(callId), now);
  }

  goOffline(now = Date.now()): boolean {
    return this.change(() => (this.offline = true), now);
  }

  view(): PresenceView {
    const view: PresenceView = {
      agentId: this.agent.id,
      name: this.agent.name,
      numbers: this.agent.numbers,
      status: this.status,
      chosen: this.chosenStatus,
      since: this.sinceMs,
    };
    const call = [...this.calls].at(-1);
    if (call) view.callId = call;
    return view;
  }

  private change(apply: () => unknown, now: number): boolean {
    const before = this.status;
    apply();
    if (this.status === before) return false;
    this.sinceMs = now;
    return true;
  }
}
