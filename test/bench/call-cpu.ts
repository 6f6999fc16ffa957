/**
 * How much CPU a call costs the app and its window, measured the same way
 * for every kind of call: the app's Node process and every Chromium process
 * (through CDP's `SystemInfo.getProcessInfo`), and per thread of the app,
 * the renderer and Chromium's audio service (Linux /proc), which separates
 * Chromium's own capture, echo cancellation and output from the app's
 * worklets, relays and sockets.
 */
import type { Browser } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';

const clockTicks = 100;
const round = (value: number) => Math.round(value * 100) / 100;

/** CPU seconds of each thread of a process, by thread name. */
const threadCpuSeconds = (pid: number): Record<string, number> => {
  const result: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result[name] = (result[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / clockTicks;
    } catch {
      // the thread ended meanwhile
    }
  }
  return result;
};

const processCpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
};

export interface CpuReading {
  /** % of one core, all processes together. */
  total: number;
  /** % of one core per kind of process (`app`, `chromium-renderer`, `chromium-utility`, ...). */
  byKind: Record<string, number>;
  /** % of one core per busy thread (above 0.3 %) of the app, the renderer and the audio service. */
  byThread: Record<string, number>;
}

export const callCpuMeter = async (browser: Browser, appPid: number) => {
  const cdp = await browser.newBrowserCDPSession();
  const processes = async () => (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  const cpuSeconds = async (): Promise<Record<string, number>> => {
    const byProcess: Record<string, number> = { app: processCpuSeconds(appPid) };
    for (const p of (await processes()).processInfo) byProcess[`chromium-${p.type}-${p.id}`] = p.cpuTime;
    return byProcess;
  };
  return {
    /** CPU over the next `seconds`. */
    async over(seconds: number): Promise<CpuReading> {
      const watched = [...(await processes()).processInfo.filter((p) => p.type === 'renderer' || p.type.includes('Audio')), { type: 'app', id: appPid }];
      const threadsBefore = watched.map((p) => threadCpuSeconds(p.id));
      const [before, t0] = [await cpuSeconds(), performance.now()];
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const [after, t1] = [await cpuSeconds(), performance.now()];
      const elapsed = (t1 - t0) / 1000;
      const byKind: Record<string, number> = {};
      for (const [key, value] of Object.entries(after)) {
        const kind = key.replace(/-\d+$/, '');
        byKind[kind] = (byKind[kind] ?? 0) + ((value - (before[key] ?? 0)) / elapsed) * 100;
      }
      const byThread: Record<string, number> = {};
      watched.forEach((p, i) => {
        for (const [thread, spent] of Object.entries(threadCpuSeconds(p.id))) {
          const pct = round(((spent - (threadsBefore[i]![thread] ?? 0)) / elapsed) * 100);
          if (pct > 0.3) byThread[`${p.type.replace('.mojom.AudioService', '')}:${thread}`] = pct;
        }
      });
      return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, byThread };
    },
  };
};

/** What a call added over the idle window, per kind of process. */
export const addedByProcess = (call: CpuReading, idle: CpuReading): Record<string, number> =>
  Object.fromEntries(Object.entries(call.byKind).map(([kind, pct]) => [kind, round(pct - (idle.byKind[kind] ?? 0))]));
