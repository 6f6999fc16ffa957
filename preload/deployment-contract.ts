/**
 * The contract's commands and events for running the app in a company:
 * admin policy, diagnostics for support, updates. Kept apart from
 * contract.ts (which spreads them in) and free of imports from it, so the
 * two never import each other.
 *
 * The renderer imports this file only as `import type`.
 */
import { z } from 'zod';

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
  /** Why updates are off, or why the last check failed. */
  reason?: string;
  /** A call rings or is live: a ready update waits for it to end. */
  waitingForCalls?: boolean;
}

const deviceLabel = z.string().max(200);

export const deploymentCommandRequests = {
  'policy.status': z.object({}).strict(),
  /** Writes a zip for support: logs, settings without secrets, versions, OS, audio devices, the last calls' timelines. */
  'diagnostics.export': z
    .object({
      /** The audio devices the window sees (only it can list them). */
      audioDevices: z
        .array(z.object({ kind: z.enum(['audioinput', 'audiooutput']), label: deviceLabel, selected: z.boolean().optional() }).strict())
        .max(64)
        .default([]),
    })
    .strict(),
  'updates.status': z.object({}).strict(),
  /** The agent chooses to restart into a downloaded update now; refused while a call rings or is live. */
  'updates.install': z.object({}).strict(),
} as const;

export interface DeploymentCommandResults {
  'policy.status': PolicyView;
  'diagnostics.export': DiagnosticsExportView;
  'updates.status': UpdateView;
  'updates.install': UpdateView;
}

export interface DeploymentEventPayloads {
  'updates.changed': UpdateView;
}

export const deploymentEventNames = ['updates.changed'] as const;
