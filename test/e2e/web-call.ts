import type { Page } from '@playwright/test';
import type { RunningSimulator } from '../../main/simulator/sim-server';
import type { SimNumber } from '../../main/simulator/sim-state';
import { tonePresence } from '../support/audio-analysis';
import type { AppProcess } from '../support/app-process';
import { addLine, expect, openSection } from './fixtures';

/** The customer's voice in these tests, and the agent's fake microphone. */
export const customerHz = 1000;
export const agentHz = 440;

export interface WebCall {
  number: SimNumber;
  callId: string;
  caller: string;
  live: ReturnType<Page['getByRole']>;
}

/** Adds a web-number line on the test's simulator through the Lines form; optionally sets the wire rate in the audio settings. */
export const webLine = async (page: Page, sim: RunningSimulator, options: { sampleRate?: number } = {}): Promise<SimNumber> => {
  const number = sim.simulator.addNumber({ provider: 'EVO_GO' });
  await addLine(page, { label: 'Support web', provider: 'EVO_GO', apiKey: number.apiKey, baseUrl: sim.url });
  await expect(page.getByRole('status').filter({ hasText: 'Line Support web added.' })).toBeVisible();
  if (options.sampleRate && options.sampleRate !== 16_000) {
    await openSection(page, 'Settings');
    const settings = page.getByRole('region', { name: 'Web-number audio' });
    await settings.getByLabel('Audio sample rate').selectOption(String(options.sampleRate));
    await expect(settings.getByRole('status')).toHaveText('Audio settings saved.');
  }
  return number;
};

/** The customer calls; the agent answers; waits for "Audio connected". */
export const answerWebCall = async (page: Page, sim: RunningSimulator, number: SimNumber, from = '+5511987650001'): Promise<WebCall> => {
  const call = sim.simulator.incomingCall({ numberId: number.id, from });
  const ringing = page.getByRole('region', { name: /^Incoming call from / });
  await ringing.getByRole('button', { name: 'Answer' }).click();
  const caller = (await page.getByRole('region', { name: /^Call with / }).first().getAttribute('aria-label'))!.replace('Call with ', '');
  const live = page.getByRole('region', { name: `Call with ${caller}` });
  await expect(live.getByRole('status').filter({ hasText: 'Audio connected' })).toBeVisible();
  return { number, callId: call.id, caller, live };
};

/** Share of 20 ms windows in which the tone is present. */
export const presentShare = (samples: ArrayLike<number>, sampleRate: number, frequency: number): number => {
  const windows = tonePresence(samples, sampleRate, frequency, { windowMs: 20 });
  return windows.filter(Boolean).length / Math.max(1, windows.length);
};

export const pcm16ToFloat = (pcm: Int16Array): Float32Array => Float32Array.from(pcm, (v) => v / 32768);

/** The last log line of the app with this message (optionally for one call). */
export const lastLog = (app: AppProcess, msg: string, callId?: string): Record<string, unknown> | undefined =>
  app.logLines().filter((l) => l.msg === msg && (!callId || l.callId === callId)).at(-1);
