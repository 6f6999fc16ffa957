import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/**
 * A generic update server on loopback, serving what electron-builder
 * publishes: `<channel>-linux.yml` with the installer's name, size and
 * sha512, and the installer itself. Every request is recorded.
 */
export const startUpdateServer = async (releases: { channel: 'latest' | 'beta'; version: string }[]) => {
  const requests: string[] = [];
  const files = new Map<string, Buffer>();
  for (const { channel, version } of releases) {
    const name = `Pilot-Softphone-${version}-linux-x86_64.AppImage`;
    const body = randomBytes(64 * 1024);
    const sha512 = createHash('sha512').update(body).digest('base64');
    files.set(`/${name}`, body);
    files.set(
      `/${channel}-linux.yml`,
      Buffer.from(`version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${body.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-11-30T12:00:00.000Z'\n`),
    );
  }
  let failing = false;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const body = files.get(path.replace(/^\/softphone/, ''));
    if (failing) res.writeHead(503).end('maintenance');
    else if (body) res.writeHead(200, { 'content-length': body.length }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/softphone`,
    requests,
    fail: (on: boolean) => {
      failing = on;
    },
    /** Changes one byte of every installer, as a tampered or truncated download would. */
    tamper: () => {
      for (const [path, body] of files) if (path.endsWith('.AppImage')) body[0] = body[0]! ^ 0xff;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
};

/** electron-updater's HTTP in plain Node (in the app it goes through Electron's net module). */
class NodeHttpExecutor extends HttpExecutor<ReturnType<typeof httpRequest>> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void) {
    return httpRequest(options, callback);
  }

  /** As electron-updater's Electron executor downloads, with Node's HTTP. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return new Promise((resolve, reject) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel: () => {}, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }
}

/**
 * electron-updater's real AppImage updater, outside Electron: an app
 * adapter for a packaged 0.1.0 and Node's HTTP. Check, latest.yml parsing,
 * version comparison, download and sha512 verification are electron-updater's own.
 */
export const nodeAppImageUpdater = (currentVersion: string): { updater: AppImageUpdater; quits: number[] } => {
  const dir = mkdtempSync(join(tmpdir(), 'pilot-updater-'));
  const appImage = join(dir, 'Pilot-Softphone.AppImage');
  writeFileSync(appImage, 'current');
  // What electron-builder writes into a packaged app's resources (the feed URL itself comes from policy here).
  writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: http://127.0.0.1:9/unused\nupdaterCacheDirName: pilot-softphone-updater\n');
  process.env.APPIMAGE = appImage;
  const quits: number[] = [];
  const app: AppAdapter = {
    version: currentVersion,
    name: 'pilot-softphone',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => void quits.push(Date.now()),
    onQuit: () => {},
  };
  const updater = new AppImageUpdater(undefined, app);
  (updater as unknown as { httpExecutor: HttpExecutor<never> }).httpExecutor = new NodeHttpExecutor() as never;
  updater.logger = null;
  return { updater, quits };
};
