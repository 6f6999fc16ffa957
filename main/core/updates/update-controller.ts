import type { UpdateOffCause, UpdateView } from '../../../preload/contract';
import { AppFailure } from '../errors';
import type { Logger } from '../logging/logger';
import type { UpdatePolicy } from '../settings/policy/managed-policy';

/**
 * How the app was installed, which decides who updates it: the app itself
 * (NSIS, macOS zip, AppImage) or IT and the package manager (per-machine
 * MSI, deb/rpm), or nobody (a development build, the browser host).
 */
export type InstallKind = 'nsis' | 'msi' | 'mac' | 'appimage' | 'linux-package' | 'development' | 'browser-host';

const selfUpdating: readonly InstallKind[] = ['nsis', 'mac', 'appimage'];

const notSelfUpdating: Record<Exclude<InstallKind, 'nsis' | 'mac' | 'appimage'>, string> = {
  msi: 'Installed per machine with the MSI: IT deploys new versions.',
  'linux-package': 'Installed from a deb or rpm package: the package manager updates it.',
  development: 'A development build does not update itself.',
  'browser-host': 'The browser host runs from the source; it does not update itself.',
};

/** The updater of the platform (electron-updater in the desktop app), reduced to what the decisions need. */
export interface UpdateFeed {
  /** Asks the update server; the newer version, or null when this one is current. */
  check(): Promise<{ version: string } | null>;
  download(): Promise<void>;
  /** Restarts into the downloaded update now. */
  installNow(): void;
}

export interface UpdateControllerDeps {
  policy: UpdatePolicy;
  /** The update server given at build time (publish.url); policy's UpdateUrl wins. */
  buildUrl: string | null;
  installKind: InstallKind;
  currentVersion: string;
  /** Made only when updates are on, so "off" never sends a request. */
  feed: (config: { url: string; channel: 'stable' | 'beta' }) => UpdateFeed;
  /** A call rings or is live. */
  callsBusy: () => boolean;
  emit: (view: UpdateView) => void;
  logger: Logger;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** How often to look again after the check at start. */
  intervalMs?: number;
}

export const defaultUpdateIntervalMs = 4 * 60 * 60 * 1000;

/**
 * When the app looks for, downloads and installs updates: at start and
 * every few hours, in the background; a downloaded update installs when the
 * app quits or when the agent chooses, and never while a call rings or is
 * live. Off by policy, on per-machine MSI and package-manager installs, and
 * without an update server, it makes no request at all.
 */
export class UpdateController {
  private view: UpdateView;
  private feed: UpdateFeed | null = null;
  private timer: unknown = null;
  private checking: Promise<void> | null = null;

  constructor(private readonly deps: UpdateControllerDeps) {
    this.view = { state: 'idle', channel: deps.policy.channel, currentVersion: deps.currentVersion };
  }

  /** What turns updates off here, or null when the app updates itself. */
  offCause(): UpdateOffCause | null {
    if (!this.deps.policy.enabled) return 'policy';
    if (!selfUpdating.includes(this.deps.installKind)) return this.deps.installKind as keyof typeof notSelfUpdating;
    if (!(this.deps.policy.url ?? this.deps.buildUrl)) return 'no-server';
    return null;
  }

  /** Why updates are off here, as a sentence for the log, or null when the app updates itself. */
  offReason(): string | null {
    const cause = this.offCause();
    if (cause === null) return null;
    if (cause === 'policy') return 'Your organization turned updates off.';
    if (cause === 'no-server') return 'No update server is set for this build.';
    return notSelfUpdating[cause];
  }

  start(): void {
    const reason = this.offReason();
    if (reason) {
      this.set({ state: 'off', reason, offBy: this.offCause()! });
      this.deps.logger.info({ reason }, 'updates are off');
      return;
    }
    const url = (this.deps.policy.url ?? this.deps.buildUrl)!;
    this.feed = this.deps.feed({ url, channel: this.deps.policy.channel });
    void this.check();
    this.timer = (this.deps.setInterval ?? setInterval)(() => void this.check(), this.deps.intervalMs ?? defaultUpdateIntervalMs);
  }

  stop(): void {
    if (this.timer !== null) (this.deps.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout)))(this.timer);
    this.timer = null;
  }

  status(): UpdateView {
    return { ...this.view, waitingForCalls: this.view.state === 'ready' && this.deps.callsBusy() };
  }

  /** Looks for an update and downloads it in the background; resolves once done (one check at a time). */
  check(): Promise<void> {
    if (!this.feed || this.view.state === 'ready') return Promise.resolve();
    this.checking ??= this.run(this.feed).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** The agent chose to restart into the downloaded update now. */
  installNow(): UpdateView {
    if (this.view.state !== 'ready' || !this.feed) throw new AppFailure('UPDATE_NOT_READY', 'No update has been downloaded yet.');
    if (this.deps.callsBusy()) throw new AppFailure('UPDATE_WAITS_FOR_CALL', 'The update installs once no call rings or is live.');
    this.deps.logger.info({ version: this.view.availableVersion }, 'restarting into the update');
    this.feed.installNow();
    return this.status();
  }

  private async run(feed: UpdateFeed): Promise<void> {
    this.set({ state: 'checking', reason: undefined });
    try {
      const found = await feed.check();
      if (!found) {
        this.set({ state: 'idle' });
        return;
      }
      this.set({ state: 'downloading', availableVersion: found.version });
      await feed.download();
      this.set({ state: 'ready' });
      this.deps.logger.info({ version: found.version }, 'update downloaded; it installs when the app quits or the agent restarts it');
    } catch (error) {
      this.set({ state: 'failed', reason: (error as Error).message });
      this.deps.logger.warn({ err: error }, 'update check failed; trying again later');
    }
  }

  private set(patch: Partial<UpdateView>): void {
    this.view = { ...this.view, ...patch };
    this.deps.emit(this.status());
  }
}
