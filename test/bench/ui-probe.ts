import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';

/**
 * What the UI benchmark watches in the window, the same way for any version
 * of the app: when the ringing event reached the window (its contract
 * socket), and when an enabled, visible Answer button first existed for it.
 * Installed before the app's own scripts run.
 */
export const installRingProbe = async (page: Page, answerLabel: string): Promise<void> => {
  // Given as text: a function would be serialised with the helpers the TypeScript loader adds to it, which the page lacks.
  await page.addInitScript(`(() => {
    const label = ${JSON.stringify(answerLabel)};
    const probe = { arrived: new Map(), answerable: [] };
    window.__ringProbe = probe;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        this.addEventListener('message', (message) => {
          if (typeof message.data !== 'string' || !message.data.includes('"calls.changed"')) return;
          const frame = JSON.parse(message.data);
          const call = frame.payload;
          if (frame.event === 'calls.changed' && call && call.phase === 'ringing' && !call.quiet && !probe.arrived.has(call.id)) probe.arrived.set(call.id, performance.now());
        });
      }
    };
    let shown = false;
    new MutationObserver(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label && !b.disabled && b.offsetParent !== null);
      if (button && !shown) probe.answerable.push(performance.now());
      shown = Boolean(button);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  })();`);
};

/** Per call, in ringing order: ms from the ringing event reaching the window to its Answer button being there. */
export const ringToAnswerable = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const probe = (window as unknown as { __ringProbe: { arrived: Map<string, number>; answerable: number[] } }).__ringProbe;
    const arrived = [...probe.arrived.values()];
    return probe.answerable.map((at, index) => at - (arrived[index] ?? Number.NaN));
  });

/** Gzip size (level 9) of every script the page loads while `during` runs, by file. */
export const scriptsLoaded = async (page: Page, during: () => Promise<void>): Promise<{ file: string; gzipBytes: number }[]> => {
  const pending: Promise<{ file: string; gzipBytes: number }>[] = [];
  const onResponse = (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    pending.push(response.body().then((body) => ({ file: url.pathname.split('/').pop()!, gzipBytes: gzipSync(body, { level: 9 }).length })));
  };
  page.on('response', onResponse);
  await during();
  page.off('response', onResponse);
  return Promise.all(pending);
};

export const kilobytes = (files: { gzipBytes: number }[]): number => Math.round((files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024) * 10) / 10;
