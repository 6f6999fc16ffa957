import type { LineFeatures } from '../../../../preload/contract';
import { dialable } from '../../calls/call-handlers';
import type { Handlers } from '../../commands/dispatcher';
import { AppFailure } from '../../errors';
import type { PilotClient } from '../../pilot/pilot-client';
import { callingSettingsOf, callingSettingsPatch } from './calling-settings';
import type { PermissionService } from './permissions';

export interface MetaNumberHandlerDeps {
  permissions: PermissionService;
  /** The Pilot client of a line; undefined when it is not configured. */
  client: (accountId: string) => Pick<PilotClient, 'getCallingSettings' | 'updateCallingSettings'> | undefined;
  /** What a line's number type can do; undefined when it is not configured. */
  features: (accountId: string) => LineFeatures | undefined;
}

type MetaNumberCommand = 'permissions.check' | 'permissions.request' | 'calling.status' | 'calling.enable' | 'calling.update';

/** The commands that exist for Meta numbers: a customer's calling permission, and the number's calling settings. */
export const metaNumberHandlers = (deps: MetaNumberHandlerDeps): Handlers<MetaNumberCommand> => {
  const client = (accountId: string) => {
    const found = deps.client(accountId);
    if (!found) throw new AppFailure('ACCOUNT_NOT_FOUND', 'That line is not configured.');
    return found;
  };
  /** Calling settings exist for Meta numbers only: a web number is refused before Pilot Status is asked. */
  const settingsClient = (accountId: string) => {
    const found = client(accountId);
    if (!deps.features(accountId)?.callingSettings) throw new AppFailure('FEATURE_NOT_SUPPORTED', 'Calling settings exist for Meta numbers only.');
    return found;
  };
  const read = async (accountId: string) => callingSettingsOf(accountId, await settingsClient(accountId).getCallingSettings());
  return {
    'permissions.check': ({ accountId, to }) => deps.permissions.check(accountId, dialable(to)),
    'permissions.request': ({ accountId, to }) => deps.permissions.request(accountId, dialable(to)),
    'calling.status': ({ accountId }) => read(accountId),
    'calling.enable': async ({ accountId }) => {
      await settingsClient(accountId).updateCallingSettings({ status: 'ENABLED' });
      return read(accountId);
    },
    'calling.update': async ({ accountId, ...update }) => {
      const patch = callingSettingsPatch(update);
      await settingsClient(accountId).updateCallingSettings(patch);
      return read(accountId);
    },
  };
};
