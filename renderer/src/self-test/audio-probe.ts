/**
 * The unattended self-test's instrument in the app window (injected by the
 * host before the app runs; never part of the app's own bundle). It checks
 * the microphone and the speaker as a person's call would use them, gives
 * the app's calls a tone of known frequency instead of the room's sound (a
 * room cannot be judged by frequency), and measures what the window hears.
 */

interface Heard {
  hz: number;
  rms: number;
}

interface DeviceCheck {
  ok: boolean;
  detail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
let shared: AudioContext | null = null;
const context = (): AudioContext => (shared ??= new AudioContext());
let toneHz = 700;
const remoteStreams: MediaStream[] = [];
const outputTaps: AnalyserNode[] = [];

const describeError = (error: unknown): string => (error instanceof DOMException ? `${error.name}: ${error.message}` : String(error));

/** Strongest frequency and level of what an analyser hears over `ms`. */
const listen = async (analyser: AnalyserNode, ms = 700): Promise<Heard> => {
  await sleep(ms);
  const bins = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(bins);
  const samples = new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(samples);
  let best = 2;
  for (let i = 3; i < bins.length; i++) if (bins[i]! > bins[best]!) best = i;
  const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
  return { hz: (best * analyser.context.sampleRate) / analyser.fftSize, rms };
};

// Calls get the tone: the device is still opened (so a missing or refused microphone fails the call as it would for a person).
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const real = await realGetUserMedia(constraints);
  if (!constraints?.audio) return real;
  real.getTracks().forEach((track) => track.stop());
  const ctx = context();
  await ctx.resume();
  const oscillator = ctx.createOscillator();
  oscillator.frequency.value = toneHz;
  const gain = ctx.createGain();
  gain.gain.value = 0.3;
  const destination = ctx.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
};

// What arrives on Meta calls (WebRTC).
const RealPeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends RealPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    this.addEventListener('track', (event) => remoteStreams.push(event.streams[0] ?? new MediaStream([event.track])));
  }
};

// What the window plays to its speaker (web-number calls play through Web Audio).
const connect = AudioNode.prototype.connect as (this: AudioNode, destination: AudioNode | AudioParam, ...rest: number[]) => AudioNode;
(AudioNode.prototype as unknown as { connect: typeof connect }).connect = function (this: AudioNode, destination, ...rest) {
  const result = connect.call(this, destination, ...rest);
  if (destination instanceof AudioDestinationNode) {
    const tap = this.context.createAnalyser();
    tap.fftSize = 8192;
    connect.call(this, tap);
    outputTaps.push(tap);
  }
  return result;
};

const probe = {
  /** Opens the microphone without processing and listens for a second: a live device delivers sound, even a quiet room's. */
  async microphone(): Promise<DeviceCheck> {
    let stream: MediaStream;
    try {
      stream = await realGetUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    } catch (error) {
      return { ok: false, detail: `the microphone could not be opened (${describeError(error)})` };
    }
    const track = stream.getAudioTracks()[0]!;
    const ctx = context();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    ctx.createMediaStreamSource(stream).connect(analyser);
    let peak = 0;
    const samples = new Float32Array(analyser.fftSize);
    for (let i = 0; i < 12; i++) {
      await sleep(100);
      analyser.getFloatTimeDomainData(samples);
      for (const x of samples) peak = Math.max(peak, Math.abs(x));
    }
    stream.getTracks().forEach((t) => t.stop());
    if (peak < 1e-5) return { ok: false, detail: `"${track.label}" opened but delivers only silence (unplugged, muted or taken by another app?)` };
    return { ok: true, detail: `"${track.label}" opened and delivers sound (peak ${peak.toFixed(4)})` };
  },

  /** Plays a short, quiet beep on the default speaker and checks the audio clock runs. */
  async speaker(): Promise<DeviceCheck> {
    const outputs = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput');
    if (outputs.length === 0) return { ok: false, detail: 'no speaker or headset was found' };
    const ctx = new AudioContext();
    try {
      await ctx.resume();
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      gain.gain.value = 0.05;
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start();
      const started = ctx.currentTime;
      await sleep(400);
      const advanced = ctx.currentTime - started;
      oscillator.stop();
      if (ctx.state !== 'running' || advanced < 0.2) return { ok: false, detail: `the speaker did not play (audio clock ${ctx.state}, advanced ${advanced.toFixed(2)} s)` };
      const label = outputs.find((d) => d.deviceId === 'default')?.label || outputs[0]!.label || 'the default output';
      return { ok: true, detail: `"${label}" played a beep` };
    } catch (error) {
      return { ok: false, detail: `the speaker could not be opened (${describeError(error)})` };
    } finally {
      await ctx.close();
    }
  },

  /** The frequency the next call sends. */
  sendTone(hz: number): void {
    toneHz = hz;
  },

  /** What the newest Meta call plays to the agent. */
  async heardOnCall(): Promise<Heard | null> {
    const stream = remoteStreams.at(-1);
    if (!stream) return null;
    const ctx = context();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    const source = ctx.createMediaStreamSource(stream);
    source.connect(analyser);
    const heard = await listen(analyser);
    source.disconnect();
    return heard;
  },

  /** What the window's newest Web Audio output plays (web-number calls). */
  async heardOnSpeaker(): Promise<Heard | null> {
    const tap = outputTaps.at(-1);
    return tap ? listen(tap) : null;
  },
};

(window as unknown as { __pilotSelfTest: typeof probe }).__pilotSelfTest = probe;
