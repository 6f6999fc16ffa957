import type { AppInfo } from '../../../preload/contract';
import type { CallService } from '../calls/call-service';
import type { Handlers } from '../commands/dispatcher';
import type { MemoryCredentialStore } from '../credentials/credential-store';
import type { DemoBackend } from '../demo-backend';
import { AppFailure } from '../errors';
import type { Translate } from '../i18n/translator';
import type { LineAccount, LineManager } from '../lines/line-manager';

export interface DemoModeDeps {
  /** The simulator; absent with `--no-demo`. */
  backend?: DemoBackend;
  lines: LineManager;
  calls: CallService;
  /** The demo lines' keys: in memory only, they die with the process. */
  keys: MemoryCredentialStore;
  translate: () => Translate;
}

/** The hidden line "Test my audio" calls through. */
const audioTestLineId = 'audio-test';

/**
 * Demo mode: while no real line is configured, the simulator's lines ring
 * and a simulated customer can be asked to call. It ends when the first real
 * line is added and comes back when the last one is removed. "Test my audio"
 * uses the simulator's echo in either mode, unless the simulator is off.
 */
export class DemoMode {
  private current: AppInfo['mode'] = 'live';

  constructor(private readonly deps: DemoModeDeps) {}

  get mode(): AppInfo['mode'] {
    return this.current;
  }

  /** Opens the simulator's lines; false when there is no simulator. */
  async enter(): Promise<boolean> {
    const backend = this.deps.backend;
    if (!backend) return false;
    await backend.start?.();
    this.current = 'demo';
    for (const [index, line] of backend.lines.entries()) {
      const account: LineAccount = {
        id: `demo-${index + 1}`,
        label: this.deps.translate()(line.labelKey),
        labelKey: line.labelKey,
        provider: line.provider,
        baseUrl: line.baseUrl,
        demo: true,
      };
      await this.deps.keys.set(account.id, line.apiKey);
      this.deps.lines.open(account);
    }
    return true;
  }

  /** Closes the simulator's lines (their calls leave the screen; the audio-test line reopens on its next use). */
  leave(): void {
    if (this.current !== 'demo') return;
    for (const line of this.deps.lines.all().filter((l) => l.account.demo)) {
      this.deps.lines.close(line.id);
      this.deps.calls.forgetLine(line.id);
    }
    this.current = 'live';
  }

  handlers(): Handlers<'demo.incomingCall' | 'demo.customerHangup' | 'calls.testAudio'> {
    return {
      'demo.incomingCall': ({ provider }) => this.backend().incomingCall(provider),
      'demo.customerHangup': async ({ callId }) => {
        await this.backend().customerHangup(callId);
        return { ok: true as const };
      },
      'calls.testAudio': async () => {
        const { accountId, echoNumber } = await this.audioTestLine();
        return this.deps.calls.dial(accountId, echoNumber, { audioTest: true });
      },
    };
  }

  private backend(): DemoBackend {
    if (this.current !== 'demo' || !this.deps.backend) throw new AppFailure('NOT_IN_DEMO', 'Simulated calls exist only in demo mode.');
    return this.deps.backend;
  }

  /** "Test my audio": the simulator's echo through a hidden line, opened on first use. */
  private async audioTestLine(): Promise<{ accountId: string; echoNumber: string }> {
    await this.deps.backend?.start?.();
    const test = this.deps.backend?.audioTest;
    if (!test) throw new AppFailure('AUDIO_TEST_UNAVAILABLE', 'The audio test needs the built-in simulator, which is turned off (--no-demo).');
    if (!this.deps.lines.get(audioTestLineId)) {
      await this.deps.keys.set(audioTestLineId, test.line.apiKey);
      const { labelKey, provider, baseUrl } = test.line;
      this.deps.lines.open({ id: audioTestLineId, label: this.deps.translate()(labelKey), labelKey, provider, baseUrl, demo: true, hidden: true });
    }
    return { accountId: audioTestLineId, echoNumber: test.echoNumber };
  }
}
