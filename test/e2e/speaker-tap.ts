import type { Page } from '@playwright/test';

/**
 * A test instrument for what the agent hears: an init script that taps every
 * audio node the page connects to its speakers (AudioContext.destination)
 * and records it, with the wall time each block plays at, and
 * counts microphone requests. It observes the app's real output; it changes
 * nothing the app does.
 */
const tapScript = () => {
  interface Recorder {
    context: AudioContext;
    sampleRate: number;
    chunks: Float32Array[];
    times: number[];
  }
  const recorders: Recorder[] = [];
  const blockSize = 8192;
  let microphoneRequests = 0;
  const connect = AudioNode.prototype.connect as (this: AudioNode, destination: AudioNode, ...rest: number[]) => AudioNode;
  (AudioNode.prototype as unknown as { connect: typeof connect }).connect = function (this: AudioNode, destination: AudioNode, ...rest: number[]) {
    const result = connect.call(this, destination, ...rest);
    if (destination instanceof AudioDestinationNode) {
      const context = this.context as AudioContext;
      const recorder: Recorder = { context, sampleRate: context.sampleRate, chunks: [], times: [] };
      recorders.push(recorder);
      // Large blocks ride out a busy page thread (the app cannot load a worklet for the test under its CSP,
      // and that CSP stays on); each block is placed in time from the audio clock, not from when the callback ran.
      const tap = context.createScriptProcessor(blockSize, 1, 1);
      // A script processor is double-buffered: the input it hands over was rendered two blocks before the
      // event's playbackTime (measured in Chromium: an onset scheduled at a known context time lands exactly there).
      const inputLeadS = (2 * blockSize) / context.sampleRate;
      tap.onaudioprocess = (event) => {
        const stamp = context.getOutputTimestamp();
        recorder.chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
        recorder.times.push(performance.timeOrigin + stamp.performanceTime! + (event.playbackTime - inputLeadS - stamp.contextTime!) * 1000);
      };
      connect.call(this, tap);
      connect.call(tap, destination);
    }
    return result;
  };
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const microphoneTracks: MediaStreamTrack[] = [];
  let nextMicrophoneFailure: string | null = null;
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    if (constraints?.audio) microphoneRequests++;
    if (constraints?.audio && nextMicrophoneFailure) {
      const name = nextMicrophoneFailure;
      nextMicrophoneFailure = null;
      throw new DOMException('Could not start audio source', name);
    }
    const stream = await getUserMedia(constraints);
    microphoneTracks.push(...stream.getAudioTracks());
    return stream;
  };
  (window as unknown as { __speakerTap: unknown }).__speakerTap = {
    microphoneRequests: () => microphoneRequests,
    /** The next microphone request fails as the OS would fail it (fake devices never are busy). */
    failNextMicrophone: (name: string) => {
      nextMicrophoneFailure = name;
    },
    /** Labels of the microphones the page holds open right now. */
    openMicrophones: () => microphoneTracks.filter((t) => t.readyState === 'live').map((t) => t.label),
    /** The output device the newest tapped context plays to ('' is the system default). */
    speakerId: () => (recorders.at(-1)?.context as (AudioContext & { sinkId?: string }) | undefined)?.sinkId ?? null,
    /** The newest recorder's audio since `sinceMs` (wall clock), as base64 float32. */
    take(sinceMs: number) {
      const recorder = recorders.at(-1);
      if (!recorder) return null;
      const blockMs = (blockSize / recorder.sampleRate) * 1000;
      const first = recorder.times.findIndex((t) => t >= sinceMs);
      if (first === -1) return { sampleRate: recorder.sampleRate, base64: '', startedAt: sinceMs, blockMs };
      const chunks = recorder.chunks.slice(first);
      const all = new Float32Array(chunks.length * blockSize);
      chunks.forEach((chunk, i) => all.set(chunk, i * blockSize));
      const bytes = new Uint8Array(all.buffer);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { sampleRate: recorder.sampleRate, base64: btoa(binary), startedAt: recorder.times[first]!, blockMs };
    },
  };
};

export const installSpeakerTap = async (page: Page): Promise<void> => {
  await page.addInitScript(tapScript);
};

export interface SpeakerAudio {
  sampleRate: number;
  samples: Float32Array;
  /** Wall time (ms) of the first sample. */
  startedAt: number;
}

/** What the page played to its speakers since `sinceMs` (wall clock, ms). */
export const speakerAudio = async (page: Page, sinceMs: number): Promise<SpeakerAudio> => {
  const taken = await page.evaluate(
    (since) => (window as unknown as { __speakerTap: { take(since: number): { sampleRate: number; base64: string; startedAt: number } | null } }).__speakerTap.take(since),
    sinceMs,
  );
  if (!taken) return { sampleRate: 48_000, samples: new Float32Array(0), startedAt: sinceMs };
  const bytes = Buffer.from(taken.base64, 'base64');
  return { sampleRate: taken.sampleRate, samples: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), startedAt: taken.startedAt };
};

export const microphoneRequests = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __speakerTap: { microphoneRequests(): number } }).__speakerTap.microphoneRequests());

/** Makes the next microphone the page asks for fail with this DOMException name, e.g. 'NotReadableError' (in use elsewhere). */
export const failNextMicrophone = (page: Page, name: string): Promise<void> =>
  page.evaluate((n) => (window as unknown as { __speakerTap: { failNextMicrophone(name: string): void } }).__speakerTap.failNextMicrophone(n), name);

export const openMicrophones = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __speakerTap: { openMicrophones(): string[] } }).__speakerTap.openMicrophones());

/** The device id the call's audio plays to: '' for the system default (AudioContext.sinkId). */
export const speakerId = (page: Page): Promise<string | null> =>
  page.evaluate(() => (window as unknown as { __speakerTap: { speakerId(): string | null } }).__speakerTap.speakerId());

/**
 * Exactly what the page played to its speakers during [fromMs, fromMs + ms), waiting for it if needed: the tap
 * hands audio over a block at a time, a block after it played, so the end of a window that just passed is not in yet.
 */
export const speakerWindow = async (page: Page, fromMs: number, ms: number, timeoutMs = 3000): Promise<{ samples: Float32Array; sampleRate: number }> => {
  // Asked for from well over a block earlier, so the block that holds fromMs is in whatever the sample rate.
  const earlierMs = 500;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const heard = await speakerAudio(page, fromMs - earlierMs);
    const skip = Math.max(0, Math.round(((fromMs - heard.startedAt) / 1000) * heard.sampleRate));
    const length = Math.round((ms / 1000) * heard.sampleRate);
    if (heard.samples.length >= skip + length || Date.now() > deadline) return { samples: heard.samples.subarray(skip, skip + length), sampleRate: heard.sampleRate };
    await page.waitForTimeout(50);
  }
};
