import { changeRate, decodeWav } from '../audio/wav';

export interface PromptPlay {
  mediaUrl: string;
  requestedAt: number;
  /** When the customer started hearing it (after the call connected and the file loaded). */
  startedAt: number | null;
  finishedAt: number | null;
  /** Why it could not be played (fetch failed, format the simulator cannot decode). */
  error: string | null;
}

interface Loaded {
  play: PromptPlay;
  samples: Float32Array | null;
  ready: Promise<void>;
}

/**
 * The `/play` queue of one call (contract §3): the server fetches each
 * prompt URL itself and plays them in order into what the customer hears,
 * starting once the call is connected. The simulator decodes WAV (PCM16 or
 * float); .mp3 and .opus are accepted like the real API does but recorded
 * as not decodable here.
 */
export class PromptQueue {
  readonly plays: PromptPlay[] = [];
  private readonly queue: Loaded[] = [];
  private position = 0;

  constructor(
    private readonly sampleRate: () => number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  enqueue(mediaUrl: string, now = Date.now()): PromptPlay {
    const play: PromptPlay = { mediaUrl, requestedAt: now, startedAt: null, finishedAt: null, error: null };
    const loaded: Loaded = { play, samples: null, ready: Promise.resolve() };
    loaded.ready = this.load(loaded);
    this.plays.push(play);
    this.queue.push(loaded);
    return play;
  }

  /** Up to `n` samples of the prompt now playing, or null when none is ready. */
  take(n: number, now = Date.now()): Float32Array | null {
    while (this.queue.length > 0) {
      const current = this.queue[0]!;
      if (current.play.error) {
        this.queue.shift();
        continue;
      }
      if (!current.samples) return null;
      current.play.startedAt ??= now;
      const out = current.samples.subarray(this.position, this.position + n);
      this.position += out.length;
      if (this.position >= current.samples.length) {
        current.play.finishedAt = now;
        this.queue.shift();
        this.position = 0;
      }
      return out;
    }
    return null;
  }

  /** Resolves once every queued prompt has been fetched (or failed). */
  async settled(): Promise<void> {
    await Promise.all(this.queue.map((q) => q.ready));
  }

  private async load(loaded: Loaded): Promise<void> {
    try {
      const response = await this.fetchImpl(loaded.play.mediaUrl, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} fetching the prompt`);
      const body = new Uint8Array(await response.arrayBuffer());
      if (!/\.wav$/i.test(new URL(loaded.play.mediaUrl).pathname)) throw new Error('the simulator decodes only .wav prompts');
      const decoded = decodeWav(body);
      loaded.samples = changeRate(decoded.samples, decoded.sampleRate, this.sampleRate());
    } catch (error) {
      loaded.play.error = (error as Error).message;
    }
  }
}
