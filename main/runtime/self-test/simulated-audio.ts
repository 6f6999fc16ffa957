import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../simulator/audio/wav';

/**
 * Machines without sound hardware (build machines, CI, containers) have no
 * microphone or speaker for the self-test to open. There, and only when
 * PILOT_SIMULATED_AUDIO_DEVICES says so, Chromium's simulated devices stand
 * in for the hardware a desk has: `microphone,speaker` gives both, a list
 * without `microphone` gives an unplugged microphone (it delivers silence).
 * Everything else the self-test checks stays real.
 */
export interface SimulatedAudio {
  microphone: boolean;
  /** What the report says about the devices. */
  description: string;
}

export const simulatedAudioFrom = (value: string | undefined): SimulatedAudio | null => {
  if (!value?.trim()) return null;
  const devices = value.split(',').map((d) => d.trim());
  const microphone = devices.includes('microphone');
  return { microphone, description: `simulated by Chromium (PILOT_SIMULATED_AUDIO_DEVICES=${value}${microphone ? '' : '; the microphone is unplugged'})` };
};

/** A 440 Hz tone as a 16-bit mono WAV, what the simulated microphone hears. */
const toneWav = (seconds = 10, rate = 48_000, hz = 440): Uint8Array =>
  encodeWav(Float32Array.from({ length: seconds * rate }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate)), rate);

/** Chromium switches for the simulated devices; the microphone's sound file goes in `dir`. */
export const simulatedAudioSwitches = (simulated: SimulatedAudio, dir: string): string[] => {
  const capture = join(dir, simulated.microphone ? 'microphone.wav' : 'unplugged-microphone.wav');
  if (simulated.microphone) writeFileSync(capture, toneWav());
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${capture}`];
};
