import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
const toneWav = (seconds = 10, rate = 48_000, hz = 440): Buffer => {
  const samples = seconds * rate;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * hz * i) / rate)), 44 + i * 2);
  return wav;
};

/** Chromium switches for the simulated devices; the microphone's sound file goes in `dir`. */
export const simulatedAudioSwitches = (simulated: SimulatedAudio, dir: string): string[] => {
  const capture = join(dir, simulated.microphone ? 'microphone.wav' : 'unplugged-microphone.wav');
  if (simulated.microphone) writeFileSync(capture, toneWav());
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${capture}`];
};
