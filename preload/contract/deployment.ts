import { z } from 'zod';
import { command } from './define';

/**
 * Running the app in a company: admin policy as the window shows it,
 * diagnostics for support, and updates.
 */

/** Admin policy as the window shows it ("Managed by your organization"). */
export interface PolicyView {
  /** `none`: no policy; `applied`: in force; `broken`: some policy could not be used and is ignored. */
  state: 'none' | 'applied' | 'broken';
  sources: string[];
  problems: { origin: string; message: string }[];
  /** Settings the agent cannot change: language, pollInterval, preAccept, agentName, sampleRate, prompts, lines. */
  locked: string[];
  /** The poll periods (ms) the agent may choose. */
  pollBounds: { min: number; max: number };
  /** Lines kept from before that policy does not allow (not opened). */
  blockedLines: { id: string; label: string }[];
  /** Line ids IT set up and enforces (their key can be entered, nothing else changed). */
  managedLines: string[];
}

/** Where an exported diagnostics bundle was written. */
export interface DiagnosticsExportView {
  path: string;
  bytes: number;
  /** What the bundle holds, one entry per file. */
  files: string[];
}

/** What turns updates off: policy, an install IT or a package manager updates, a build without an update server. */
export type UpdateOffCause = 'policy' | 'msi' | 'linux-package' | 'development' | 'browser-host' | 'no-server';

/** The update path as the window shows it. */
export interface UpdateView {
  /**
   * `off`: policy or the kind of install turns updates off (`reason` says which);
   * `idle`: up to date; `checking`/`downloading`: in the background;
   * `ready`: downloaded, installs when the app quits or when the agent restarts it;
   * `failed`: the last check failed (tried again later).
   */
  state: 'off' | 'idle' | 'checking' | 'downloading' | 'ready' | 'failed';
  channel: 'stable' | 'beta';
  currentVersion: string;
  availableVersion?: string;
  /** With `off`: what turns updates off (the window says it in the agent's language). */
  offBy?: UpdateOffCause;
  /** Why updates are off, or why the last check failed (a sentence for the log and support). */
  reason?: string;
  /** A call rings or is live: a ready update waits for it to end. */
  waitingForCalls?: boolean;
}

const deviceLabel = z.string().max(200);

export const deploymentCommands = {
  'policy.status': command(z.object({}).strict()).returns<PolicyView>(),
  /** Writes a zip for support: logs, settings without secrets, versions, OS, audio devices, the last calls' timelines. */
  'diagnostics.export': command(
    z
      .object({
        /** The audio devices the window sees (only it can list them). */
        audioDevices: z
          .array(z.object({ kind: z.enum(['audioinput', 'audiooutput']), label: deviceLabel, selected: z.boolean().optional() }).strict())
          .max(64)
          .default([]),
      })
      .strict(),
  ).returns<DiagnosticsExportView>(),
  'updates.status': command(z.object({}).strict()).returns<UpdateView>(),
  /** The agent chooses to restart into a downloaded update now; refused while a call rings or is live. */
  'updates.install': command(z.object({}).strict()).returns<UpdateView>(),
};

export interface DeploymentEvents {
  'updates.changed': UpdateView;
}
