import { existsSync } from 'node:fs';
import { lockProfile } from './profile-lock';
import { join } from 'node:path';
import type { AppInfo } from '../../preload/contract';
import type { ExportDestination } from '../core/call-log/export-destination';
import { openCallLog } from '../core/call-log/open-call-log';
import { systemClock } from '../core/clock';
import type { CredentialStore } from '../core/credentials/credential-store';
import { KeychainCredentialStore } from '../core/credentials/keychain-store';
import { systemLocale } from '../core/i18n/translator';
import { createLogger, type Logger } from '../core/logging/logger';
import type { Notifier } from '../core/notifications/notifier';
import { ManagedSettingsStore } from '../core/settings/policy/managed-settings-store';
import { Softphone } from '../core/softphone';
import { FileBacklogStore } from '../core/team/backlog-file';
import type { Dispatch } from '../core/commands/dispatcher';
import type { DemoSimulator } from './demo';
import { demoOnDemand } from './demo-on-demand';
import { lazyDemoSimulator } from './lazy-demo';
import { EventHub } from './event-hub';
import { exportFolderDestination } from './export-folder';
import { privateFile, privateFolder } from './private-files';
import { loadPolicy, type PolicyPlaces } from './policy/load-policy';
import { createDeployment, type Deployment, type UpdateSetup } from './deployment';

export interface RuntimeOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** Built once the logger exists, so the notifier can log. */
  notifier: (logger: Logger) => Notifier;
  /** Demo mode with the simulator when no line is configured (on unless turned off). */
  demo?: boolean;
  demoRingTimeoutMs?: number;
  keychain?: CredentialStore;
  /** Where CSV exports go; by default an `exports` folder in the profile. */
  exportDestination?: ExportDestination;
  /** Where admin policy is read from (root-owned places by default; tests use temporary folders). */
  policyPlaces?: PolicyPlaces;
  /** The desktop app's updater; without it (browser host) updates are off. */
  updates?: UpdateSetup;
  /** A number to open the dialer with (E.164); handed to a copy already running on the profile instead. */
  call?: string | null;
}

export interface Runtime {
  softphone: Softphone;
  /** The contract as the hosts speak it (the core's dispatch, with the simulator listening when a command needs it). */
  dispatch: Dispatch;
  events: EventHub;
  logger: Logger;
  dataDir: string;
  /** The built-in simulator once it runs (demo mode, audio test); null while the app has not needed it. */
  readonly demo: DemoSimulator | null;
  /** Settings under admin policy, diagnostics export and updates. */
  settings: ManagedSettingsStore;
  deployment: Deployment;
  close(): Promise<void>;
}

export const logFileOf = (dataDir: string): string => join(dataDir, 'logs', 'softphone.log');

/**
 * Everything both hosts share: the profile folder, logs, settings, the call
 * log, the keychain, the demo simulator and the core. A host adds only its
 * window, its transport for the contract and its notifier.
 */
export const startRuntime = async (options: RuntimeOptions): Promise<Runtime> => {
  privateFolder(options.dataDir);
  const profileLock = await lockProfile(options.dataDir, { forwardCall: options.call });
  privateFolder(join(options.dataDir, 'logs'));
  const logger = createLogger({ file: privateFile(logFileOf(options.dataDir)) });
  const policy = await loadPolicy(logger, options.policyPlaces);
  // Settings an older version wrote readable by others are tightened before they are read.
  for (const file of ['settings.json', 'settings.choices.json']) if (existsSync(join(options.dataDir, file))) privateFile(join(options.dataDir, file));
  const settings = new ManagedSettingsStore(join(options.dataDir, 'settings.json'), policy);
  if (settings.provisionLines() > 0) logger.info({ lines: settings.accounts.length }, 'lines set up from admin policy');
  if (settings.recoveredFrom) logger.error({ movedTo: settings.recoveredFrom }, 'settings file was unreadable; set aside and started from defaults');
  const callLogFile = join(options.dataDir, 'call-log.sqlite');
  for (const companion of ['-wal', '-shm']) if (existsSync(callLogFile + companion)) privateFile(callLogFile + companion);
  const callLog = openCallLog(privateFile(callLogFile), { logger });
  const { db: callLogDb, recovery: callLogRecovery } = callLog;
  // Loaded on first use; listens only while the app needs it (demo mode, an audio test): see demo-on-demand.ts.
  const demo = options.demo === false ? null : lazyDemoSimulator({ ringTimeoutMs: options.demoRingTimeoutMs });
  const events = new EventHub();
  const deployment = createDeployment({ dataDir: options.dataDir, version: options.version, host: options.host, logger, settings, callLogDb, emit: events.emit, updates: options.updates });
  const softphone = new Softphone({
    host: options.host,
    version: options.version,
    clock: systemClock,
    logger,
    settings,
    keychain: options.keychain ?? new KeychainCredentialStore(),
    callLogDb,
    notifier: options.notifier(logger),
    emit: events.emit,
    systemLocale: systemLocale(),
    demo: demo ?? undefined,
    exportDestination: options.exportDestination ?? exportFolderDestination(join(options.dataDir, 'exports')),
    callLogRecovery,
    policy,
    deployment: deployment.handlers,
    teamBacklog: (teamLineId) => new FileBacklogStore(join(options.dataDir, 'team', `${teamLineId}.backlog.json`), logger),
  });
  deployment.attach(softphone);
  await softphone.start();
  const onDemand = demo ? demoOnDemand({ demo, softphone, events, logger }) : null;
  // Later starts hand their number over; the window opens its dialer with it.
  profileLock.onForwardedCall((number) => void softphone.clickToCall.request(number, 'second-start'));
  if (options.call) softphone.clickToCall.request(options.call, 'command-line');
  return {
    softphone,
    dispatch: onDemand?.dispatch ?? softphone.dispatch,
    events,
    logger,
    dataDir: options.dataDir,
    get demo() {
      return demo?.simulator ?? null;
    },
    settings,
    deployment,
    close: async () => {
      onDemand?.stop();
      deployment.stop();
      softphone.stop();
      await demo?.close();
      callLog.close();
      await new Promise<void>((flushed) => logger.flush(() => flushed()));
      await profileLock.release();
    },
  };
};
