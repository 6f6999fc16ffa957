import { expect, test } from './fixtures';

/** Runs in a page: tries to open the contract socket and says whether it opened. */
const trySocket = ({ url, protocols }: { url: string; protocols: string[] }) =>
  new Promise<'open' | 'refused'>((resolve) => {
    const ws = new WebSocket(url, protocols);
    ws.onopen = () => {
      ws.close();
      resolve('open');
    };
    ws.onerror = () => resolve('refused');
  });

test('the browser host refuses a socket without the secret and one from a foreign origin', async ({ page, openApp, sim }) => {
  const app = await openApp();
  const socketUrl = `${app.origin.replace('http', 'ws')}/contract`;
  const secret = /#secret=(.+)$/.exec(app.url)![1]!;

  // From the app's own page: with the secret it opens, without it is refused.
  expect(await page.evaluate(trySocket, { url: socketUrl, protocols: ['pilot-contract.v1', `secret.${secret}`] })).toBe('open');
  expect(await page.evaluate(trySocket, { url: socketUrl, protocols: ['pilot-contract.v1'] })).toBe('refused');
  expect(await page.evaluate(trySocket, { url: socketUrl, protocols: ['pilot-contract.v1', 'secret.guess'] })).toBe('refused');

  // From another local origin (any page the agent has open), even knowing the secret: refused.
  const foreign = await page.context().newPage();
  await foreign.goto(`${sim.url}/sim/not-here`);
  expect(await foreign.evaluate(trySocket, { url: socketUrl, protocols: ['pilot-contract.v1', `secret.${secret}`] })).toBe('refused');

  const refusals = app.logLines().filter((l) => l.msg === 'contract socket refused').map((l) => l.reason);
  expect(refusals).toEqual(expect.arrayContaining(['launch secret missing or wrong', expect.stringMatching(/^foreign origin http:\/\/127\.0\.0\.1:/)]));
});
