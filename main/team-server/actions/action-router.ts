import type { Logger } from '../../core/logging/logger';
import { teamActions, type SupervisorFeed, type TeamAction, type TeamActionArgs } from '../../core/team/protocol';
import type { AgentHub } from '../agents/agent-hub';
import type { AgentRecord } from '../agents/agent-store';
import { TeamActionError } from './action-error';
import type { CallActions } from './call-actions';
import type { HistoryActions } from './history-actions';

export interface ActionRouterDeps {
  calls: CallActions;
  history: HistoryActions;
  hub: Pick<AgentHub, 'choose'>;
  feed: () => Promise<SupervisorFeed>;
  logger: Logger;
}

type Handlers = { [A in TeamAction]: (agent: AgentRecord, args: TeamActionArgs<A>) => Promise<unknown> | unknown };

const supervisorOnly = (agent: AgentRecord): void => {
  if (agent.role !== 'supervisor') throw new TeamActionError('SUPERVISORS_ONLY', 403, 'Only supervisors may do that');
};

/** Checks each agent request against its schema and hands it to the code that carries it out. */
export class ActionRouter {
  private readonly handlers: Handlers;

  constructor(deps: ActionRouterDeps) {
    const { calls, history } = deps;
    const client = (number: string) => calls.client(number);
    this.handlers = {
      'presence.set': (agent, args) => {
        deps.hub.choose(agent.id, args.status);
        return { status: args.status };
      },
      'call.get': (agent, args) => calls.get(agent, args),
      'call.preAccept': (agent, args) => calls.preAccept(agent, args),
      'call.accept': (agent, args) => calls.accept(agent, args),
      'call.reject': (agent, args) => calls.reject(agent, args),
      'call.terminate': (agent, args) => calls.terminate(agent, args),
      'call.dial': (agent, args) => calls.dial(agent, args),
      'call.play': (agent, args) => calls.play(agent, args),
      'call.realtimeSession': (agent, args) => calls.realtimeSession(agent, args),
      'permissions.get': (agent, args) => calls.number(agent, args.number) && client(args.number).getPermissions(args.to),
      'permissions.request': (agent, args) => calls.number(agent, args.number) && client(args.number).requestPermission(args.to, args.text),
      'settings.get': (agent, args) => calls.number(agent, args.number) && client(args.number).getCallingSettings(),
      'settings.update': (agent, args) => {
        supervisorOnly(agent);
        calls.number(agent, args.number);
        return client(args.number).updateCallingSettings(args.patch);
      },
      'history.query': (agent, args) => history.query(agent, args),
      'history.stats': (agent, args) => history.stats(agent, args),
      'history.get': (agent, args) => history.get(agent, args),
      'history.annotate': (agent, args) => history.annotate(agent, args),
      'team.feed': (agent) => {
        supervisorOnly(agent);
        return deps.feed();
      },
    };
  }

  async handle(agent: AgentRecord, action: string, args: unknown): Promise<unknown> {
    if (!Object.hasOwn(teamActions, action)) throw new TeamActionError('UNKNOWN_ACTION', 400, `No action "${action}"`);
    const schema = teamActions[action as TeamAction];
    const parsed = schema.safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TeamActionError('VALIDATION_ERROR', 400, issue ? `${issue.path.join('.') || 'args'}: ${issue.message}` : 'Invalid arguments');
    }
    const handler = this.handlers[action as TeamAction] as (agent: AgentRecord, args: unknown) => Promise<unknown> | unknown;
    return handler(agent, parsed.data);
  }
}
