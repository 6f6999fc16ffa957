import { redeemLaunchCode } from '../support/launch-session';
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
  // The window exchanged its address's one-time code for the session secret, kept for reloads of this window only.
  const secret = (await page.evaluate(() => sessionStorage.getItem('pilot.secret')))!;
  expect(secret.length).toBeGreaterThanOrEqual(40);

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

test('nothing reusable reaches stdout or the address bar: the window\'s one-time code is dead once it opened', async ({ page, openApp }) => {
  const app = await openApp();
  const secret = (await page.evaluate(() => sessionStorage.getItem('pilot.secret')))!;
  // The address the host printed held only a code, which the window used up and took out of its address bar.
  expect(app.url).toMatch(/[#&]code=[\w-]+$/);
  expect(app.url).not.toContain(secret);
  expect(page.url()).not.toContain('code=');
  expect((await redeemLaunchCode(app.url)).status).toBe(401);
  // Another process that read the address (a command line, a log of stdout) gets nowhere with it.
  const other = await page.context().newPage();
  await other.goto(app.url);
  await expect(other.getByRole('alert')).toHaveText(/Connecting to the app|Lost contact with the app/);
  expect(await other.evaluate(() => sessionStorage.getItem('pilot.secret'))).toBeNull();
  // The session secret appears in no log line either.
  expect(app.logLines().filter((line) => JSON.stringify(line).includes(secret))).toEqual([]);
  expect(app.stderr()).not.toContain(secret);
});
