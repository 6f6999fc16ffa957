import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallView } from '../../../preload/contract';
import { openCallLogDatabase } from '../../core/call-log/database';
import { MemoryCredentialStore, type CredentialStore } from '../../core/credentials/credential-store';
import { silentLogger } from '../../core/logging/logger';
import { NoNativeNotifier, type Notifier } from '../../core/notifications/notifier';
import { loadPolicy } from '../policy/load-policy';
import { startRuntime, type Runtime } from '../runtime';
import type { SelfTestCheck, SelfTestCheckName, SelfTestReport } from './self-test-report';

/** The app window the self-test drives (a headless Chromium page, or a hidden Electron window). */
export interface SelfTestWindow {
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/** What a host gives the self-test: its own keychain, notifier and window. */
export interface SelfTestHost {
  host: 'browser' | 'electron';
  version: string;
  /** The agent's profile folder: the call-log check writes a scratch database there. */
  profileDir: string;
  keychain: CredentialStore;
  notifier: Notifier;
  audioDevices: string;
  /** Opens the app's window on the runtime, with the self-test's probe in it. */
  openWindow(runtime: Runtime): Promise<SelfTestWindow>;
}

/** Tones the two calls send: each direction of each call is judged by its own frequency. */
const metaToneHz = 700;
const webToneHz = 1100;
const toleranceHz = 20;

const until = async <T>(what: string, timeoutMs: number, probe: () => T | Promise<T>, lastSeen?: () => string): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${lastSeen ? ` (${lastSeen()})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** Dominant frequency of PCM16 samples (a zero-crossing count is enough for one clean tone). */
const toneOf = (pcm: Int16Array, rate: number): { hz: number; rms: number } => {
  const tail = pcm.subarray(Math.max(0, pcm.length - rate));
  let crossings = 0;
  let energy = 0;
  for (let i = 1; i < tail.length; i++) {
    if (tail[i - 1]! < 0 !== tail[i]! < 0) crossings++;
    energy += (tail[i]! / 32768) ** 2;
  }
  return { hz: (crossings / 2) * (rate / Math.max(1, tail.length)), rms: Math.sqrt(energy / Math.max(1, tail.length)) };
};

const near = (hz: number | undefined, target: number) => hz !== undefined && Math.abs(hz - target) <= toleranceHz;

/**
 * `--self-test`: checks this computer the way a shift would use it, with no
 * person: admin policy, the OS keychain, the call log's SQLite, a desktop
 * notification, then the app itself on its built-in simulator: microphone,
 * speaker, one Meta call and one web-number call with audio checked both
 * ways by frequency. Every check runs; the report names those that failed.
 */
export const runSelfTest = async (host: SelfTestHost): Promise<SelfTestReport> => {
  const started = Date.now();
  const checks: SelfTestCheck[] = [];
  const check = async (name: SelfTestCheckName, timeoutMs: number, run: () => Promise<string>): Promise<boolean> => {
    const begin = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)));
      checks.push({ name, ok: true, ms: 0, detail: await Promise.race([run(), timeout]) });
    } catch (error) {
      checks.push({ name, ok: false, ms: 0, detail: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
    checks.at(-1)!.ms = Date.now() - begin;
    return checks.at(-1)!.ok;
  };

  await check('policy', 15_000, async () => {
    const policy = await loadPolicy(silentLogger());
    if (policy.status.state === 'broken') throw new Error(policy.status.problems.map((p) => p.message).join('; '));
    return policy.status.state === 'none' ? 'no admin policy on this computer' : `admin policy in force from ${policy.status.sources.join(', ')}`;
  });
  await check('keychain', 20_000, async () => {
    const id = `self-test-${randomBytes(6).toString('hex')}`;
    const secret = `ps_selftest_${randomBytes(12).toString('hex')}`;
    await host.keychain.set(id, secret);
    try {
      if ((await host.keychain.get(id)) !== secret) throw new Error('the keychain gave back something else than was saved');
    } finally {
      await host.keychain.delete(id);
    }
    if ((await host.keychain.get(id)) !== null) throw new Error('the test key could not be deleted');
    return 'saved, read back and deleted a test key in the system keychain';
  });
  await check('call-log', 15_000, async () => {
    mkdirSync(host.profileDir, { recursive: true, mode: 0o700 });
    const file = join(host.profileDir, `self-test-${process.pid}.sqlite`);
    try {
      const db = openCallLogDatabase(file);
      db.prepare('INSERT INTO reconcile_marks (account_id, reconciled_until, reconciled_at) VALUES (?, ?, ?)').run('self-test', 1, Date.now());
      const row = db.prepare('SELECT account_id FROM reconcile_marks').get() as { account_id: string } | undefined;
      db.close();
      if (row?.account_id !== 'self-test') throw new Error('the row written could not be read back');
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    }
    return `created, wrote and read a call-log database in ${host.profileDir}`;
  });
  await check('notification', 15_000, async () => {
    const shown = await host.notifier.showIncomingCall({ callId: 'self-test', title: 'Pilot Softphone self-test', body: 'Checking desktop notifications.', answerLabel: 'Answer', declineLabel: 'Decline' });
    await host.notifier.close('self-test');
    if (!shown) throw new Error('no notification service accepted the notification');
    return 'showed and closed a desktop notification with Answer and Decline';
  });

  // The app on its own temporary profile and the built-in simulator: the agent's lines, calls and settings are not touched.
  const dataDir = mkdtempSync(join(tmpdir(), 'pilot-self-test-'));
  let runtime: Runtime | null = null;
  let window: SelfTestWindow | null = null;
  try {
    const appUp = await check('app', 60_000, async () => {
      runtime = await startRuntime({
        dataDir,
        host: host.host,
        version: host.version,
        notifier: () => new NoNativeNotifier(),
        keychain: new MemoryCredentialStore(),
        demo: true,
        policyPlaces: { platform: 'linux', linuxDir: join(dataDir, 'no-policy') },
      });
      window = await host.openWindow(runtime);
      await until('the app window', 30_000, () => window!.evaluate<boolean>("!!window.__pilotSelfTest && !!document.querySelector('.badge.demo') && !document.querySelector('.banner.warn')"));
      return 'started on the built-in simulator and opened its window';
    });
    const page = (): SelfTestWindow => window!;
    const app = (): Runtime => runtime!;
    const device = async (kind: 'microphone' | 'speaker') => {
      const result = await page().evaluate<{ ok: boolean; detail: string }>(`window.__pilotSelfTest.${kind}()`);
      if (!result.ok) throw new Error(result.detail);
      return result.detail;
    };
    const hangUp = async (call: CallView) => {
      await app().softphone.dispatch('calls.hangup', { callId: call.id });
    };
    const connected = (id: string) => until('the call connecting', 20_000, () => app().softphone.calls.list().find((c) => c.id === id && c.phase === 'connected'));
    /** The simulator's side of the call just placed: its newest outbound call. */
    const simulatorCall = () => {
      const outbound = app().demo!.running.simulator.allCalls().filter((c) => c.direction === 'OUTBOUND');
      return outbound.reduce((newest, c) => (c.seq > newest.seq ? c : newest), outbound[0]!);
    };
    if (appUp) {
      await check('microphone', 15_000, () => device('microphone'));
      await check('speaker', 15_000, () => device('speaker'));
      await check('meta-call', 45_000, async () => {
        await page().evaluate(`window.__pilotSelfTest.sendTone(${metaToneHz})`);
        const call = ok(await app().softphone.dispatch('calls.testAudio', {})) as CallView;
        try {
          await connected(call.id);
          const simCall = simulatorCall();
          const phone = () => app().demo!.running.simulator.meta.phone(simCall.id);
          let last = 'nothing';
          const customer = await until(
            `the customer hearing ${metaToneHz} Hz`,
            15_000,
            () => {
              const heard = phone()?.dominant(500);
              if (heard) last = `${heard.hz.toFixed(0)} Hz`;
              return heard && near(heard.hz, metaToneHz) ? heard : null;
            },
            () => `heard ${last}`,
          );
          const agent = await until(
            `the agent hearing the echo at ${metaToneHz} Hz`,
            15_000,
            async () => {
              const heard = await page().evaluate<{ hz: number; rms: number } | null>('window.__pilotSelfTest.heardOnCall()');
              if (heard) last = `${heard.hz.toFixed(0)} Hz at level ${heard.rms.toFixed(4)}`;
              return heard && heard.rms > 0.003 && near(heard.hz, metaToneHz) ? heard : null;
            },
            () => `heard ${last}`,
          );
          return `WebRTC call to the echo: the customer heard ${customer.hz.toFixed(0)} Hz, the agent heard ${agent.hz.toFixed(0)} Hz back`;
        } finally {
          await hangUp(call);
        }
      });
      await check('web-call', 45_000, async () => {
        await page().evaluate(`window.__pilotSelfTest.sendTone(${webToneHz})`);
        const line = app().softphone.lines.all().find((l) => l.provider === 'EVO_GO')!;
        const call = ok(await app().softphone.dispatch('calls.dial', { accountId: line.id, to: '+5511900000998' })) as CallView;
        try {
          await connected(call.id);
          const rate = app().softphone.info().settings.sampleRate;
          const simCall = simulatorCall();
          let last = 'nothing';
          const customer = await until(
            `the customer hearing ${webToneHz} Hz`,
            15_000,
            () => {
              const received = app().demo!.running.simulator.media.existing(simCall.id)?.agentAudio();
              const tone = received && received.length > rate / 2 ? toneOf(received, rate) : null;
              if (tone) last = `${tone.hz.toFixed(0)} Hz at level ${tone.rms.toFixed(4)}`;
              return tone && tone.rms > 0.01 && near(tone.hz, webToneHz) ? tone : null;
            },
            () => `heard ${last}`,
          );
          last = 'nothing';
          const agent = await until(
            `the agent hearing the echo at ${webToneHz} Hz`,
            15_000,
            async () => {
              const heard = await page().evaluate<{ hz: number; rms: number } | null>('window.__pilotSelfTest.heardOnSpeaker()');
              if (heard) last = `${heard.hz.toFixed(0)} Hz at level ${heard.rms.toFixed(4)}`;
              return heard && heard.rms > 0.003 && near(heard.hz, webToneHz) ? heard : null;
            },
            () => `heard ${last}`,
          );
          return `web-number call: the customer heard ${customer.hz.toFixed(0)} Hz, the agent heard ${agent.hz.toFixed(0)} Hz back`;
        } finally {
          await hangUp(call);
        }
      });
    }
  } finally {
    await (window as SelfTestWindow | null)?.close().catch(() => undefined);
    await (runtime as Runtime | null)?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  return {
    ok: failed.length === 0,
    app: { version: host.version, host: host.host },
    audioDevices: host.audioDevices,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    checks,
    failed,
  };
};
