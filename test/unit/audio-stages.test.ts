import { describe, expect, it } from 'vitest';
import { CaptureStage } from '../../renderer/src/lib/media/dsp/capture-stage';
import { decodeFrame, encodeFrame, floatToPcm16, pcm16ToFloat } from '../../renderer/src/lib/media/dsp/pcm16';
import { PlaybackStage } from '../../renderer/src/lib/media/dsp/playback-stage';
import { dominantFrequency, maxStep, sine } from '../support/audio-analysis';

/** The two halves of the worklet, driven quantum by quantum as the audio thread would. */
describe('capture and playback stages', () => {
  it('capture cuts the microphone into steady 20 ms PCM16 frames at the wire rate, stamped when their first sample arrived', () => {
    const frames: ArrayBuffer[] = [];
    const stage = new CaptureStage(48_000, 16_000, (frame) => frames.push(frame));
    const left = sine(440, 48_000, 48_000);
    const right = sine(440, 48_000, 48_000);
    for (let q = 0; q < 375; q++) stage.push([left.subarray(q * 128, (q + 1) * 128), right.subarray(q * 128, (q + 1) * 128)], 1000 + q);
    const decoded = frames.map((f) => decodeFrame(f)!);
    expect(decoded.length).toBeGreaterThanOrEqual(49);
    expect(new Set(decoded.map((f) => f.samples.length))).toEqual(new Set([320]));
    // Stamps rise by about 20 ms of quanta (7.5 quanta of 128 at 48 kHz) per frame.
    const steps = decoded.slice(1).map((f, i) => f.stamp - decoded[i]!.stamp);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...steps)).toBeLessThanOrEqual(8);
    const pcm = pcm16ToFloat(Int16Array.from(decoded.flatMap((f) => [...f.samples])));
    expect(Math.abs(dominantFrequency(pcm.subarray(800), 16_000) - 440)).toBeLessThan(2);

    stage.setWireRate(24_000);
    frames.length = 0;
    for (let q = 0; q < 20; q++) stage.push([left.subarray(q * 128, (q + 1) * 128)], 2000 + q);
    expect(decodeFrame(frames[0]!)!.samples.length).toBe(480);
  });

  it('playback turns frames of any length into the speaker rate and reports what it saw', () => {
    const stage = new PlaybackStage(48_000, 16_000);
    const tone = sine(1000, 16_000, 16_000);
    const out = new Float32Array(128);
    const played: number[] = [];
    for (let ms = 0, sent = 0; ms < 1000; ms += 128 / 48) {
      while (sent * 60 <= ms && sent < 16) {
        const samples = floatToPcm16(tone.subarray(sent * 960, (sent + 1) * 960));
        stage.receive(encodeFrame(5000 + sent * 60, samples), 5000 + sent * 60 + 2);
        sent++;
      }
      stage.pull(out);
      played.push(...out);
    }
    const readings = stage.readings();
    expect(readings.framesIn).toBe(16);
    expect(readings.socketToSpeakerMs).toEqual(Array(16).fill(2));
    expect(readings.bufferMs.length).toBeGreaterThan(40);
    expect(Math.abs(dominantFrequency(Float32Array.from(played).subarray(4800, 40_000), 48_000) - 1000)).toBeLessThan(2);
    expect(stage.readings().socketToSpeakerMs).toEqual([]);
  });

  it('at the wire rate (the call context runs at it) both stages pass the samples through unchanged, whatever the frame lengths', () => {
    const frames: ArrayBuffer[] = [];
    const capture = new CaptureStage(16_000, 16_000, (frame) => frames.push(frame));
    const voice = sine(440, 16_000, 16_000);
    for (let q = 0; q < 125; q++) capture.push([voice.subarray(q * 128, (q + 1) * 128)], q);
    const sent = Int16Array.from(frames.flatMap((f) => [...decodeFrame(f)!.samples]));
    expect(sent.length).toBe(16_000);
    expect([...sent]).toEqual([...floatToPcm16(voice)]);

    // Long, short and long again: a frame must never carry samples left over from a longer one before it.
    const playback = new PlaybackStage(16_000, 16_000);
    // 770 Hz: no whole number of cycles fits a frame, so stale samples cannot line up with the tone by chance.
    const tone = sine(770, 16_000, 16_000);
    const lengths = [480, 160, 320, 160, 480];
    const out = new Float32Array(128);
    const played: number[] = [];
    for (let at = 0, f = 0; at < tone.length; f++) {
      const length = Math.min(lengths[f % lengths.length]!, tone.length - at);
      playback.receive(encodeFrame(f, floatToPcm16(tone.subarray(at, at + length))), f);
      at += length;
      // Keep the buffer fed: pull a little less than was sent.
      for (let q = 0; q < Math.floor(length / 128) - (f % 2); q++) {
        playback.pull(out);
        played.push(...out);
      }
    }
    const steady = Float32Array.from(played).subarray(1600);
    expect(playback.readings().framesIn).toBeGreaterThan(40);
    expect(Math.abs(dominantFrequency(steady, 16_000) - 770)).toBeLessThan(2);
    // The sine at 0.5 moves at most 0.5·2π·770/16000 ≈ 0.15 between samples; a splice of stale samples jumps further.
    expect(maxStep(steady)).toBeLessThan(0.16);
  });
});
