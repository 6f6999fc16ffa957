import type { Page } from '@playwright/test';
import type { CustomerPhone } from '../../main/simulator/meta/customer-phone';

export interface AgentHearing {
  /** Strongest frequency in what the call's <audio> element is playing. */
  hz: number;
  rms: number;
  muted: boolean;
}

/**
 * What the agent hears on the call: the remote stream of the call's <audio>
 * element, analysed in the page (FFT for the frequency, RMS for the level).
 */
export const agentHears = (page: Page, windowMs = 400): Promise<AgentHearing | null> =>
  page.evaluate(async (windowMs) => {
    const audio = document.querySelector<HTMLAudioElement>('audio[data-call-audio]');
    if (!audio?.srcObject) return null;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    context.createMediaStreamSource(audio.srcObject as MediaStream).connect(analyser);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const samples = new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(samples);
    let best = 1;
    for (let i = 2; i < bins.length; i++) if (bins[i]! > bins[best]!) best = i;
    const rms = Math.sqrt(samples.reduce((sum, x) => sum + x * x, 0) / samples.length);
    const hz = (best * context.sampleRate) / analyser.fftSize;
    await context.close();
    return { hz, rms, muted: audio.muted };
  }, windowMs);

/** The agent hears a tone near `hz` (and the playout is not muted). */
export const agentHearsTone = async (page: Page, hz: number): Promise<boolean> => {
  const heard = await agentHears(page);
  return heard !== null && !heard.muted && heard.rms > 0.005 && Math.abs(heard.hz - hz) < 15;
};

/** The customer's phone hears a tone near `hz` in the last half second. */
export const customerHearsTone = (phone: CustomerPhone, hz: number): boolean => {
  const dominant = phone.dominant(500);
  return dominant !== null && Math.abs(dominant.hz - hz) < 15 && phone.levelAt(hz) > 0.01;
};

/** The customer hears (next to) nothing at `hz`. */
export const customerHearsSilenceAt = (phone: CustomerPhone, hz: number): boolean => phone.levelAt(hz) < 0.002;
