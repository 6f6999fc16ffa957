import type { CallingSettingsView } from '../../../../preload/contract';
import { dialable } from '../../calls/call-handlers';
import type { Handlers } from '../../commands/dispatcher';
import { AppFailure } from '../../errors';
import type { PilotClient } from '../../pilot/pilot-client';
import type { PermissionService } from './permissions';

export interface MetaNumberHandlerDeps {
  permissions: PermissionService;
  /** The Pilot client of a line; undefined when it is not configured. */
  client: (accountId: string) => Pick<PilotClient, 'getCallingSettings' | 'updateCallingSettings'> | undefined;
}

type MetaNumberCommand = 'permissions.check' | 'permissions.request' | 'calling.status' | 'calling.enable';

const callingStatusOf = (accountId: string, body: unknown): CallingSettingsView => {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const calling = record.calling && typeof record.calling === 'object' ? (record.calling as Record<string, unknown>) : record;
  return { accountId, status: typeof calling.status === 'string' ? calling.status : 'UNKNOWN' };
};

/** The commands that exist for Meta numbers: a customer's calling permission, and the number's calling settings. */
export const metaNumberHandlers = (deps: MetaNumberHandlerDeps): Handlers<MetaNumberCommand> => {
  const client = (accountId: string) => {
    const found = deps.client(accountId);
    if (!found) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    return found;
  };
  return {
    'permissions.check': ({ accountId, to }) => deps.permissions.check(accountId, dialable(to)),
    'permissions.request': ({ accountId, to }) => deps.permissions.request(accountId, dialable(to)),
    'calling.status': async ({ accountId }) => callingStatusOf(accountId, await client(accountId).getCallingSettings()),
    'calling.enable': async ({ accountId }) => {
      await client(accountId).updateCallingSettings({ status: 'ENABLED' });
      return callingStatusOf(accountId, await client(accountId).getCallingSettings());
    },
  };
};
