import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { DiagnosticsExportView } from '../../preload/contract';
import { MemoryCredentialStore } from '../../main/core/credentials/credential-store';
import { NoNativeNotifier } from '../../main/core/notifications/notifier';
import { startRuntime, type Runtime } from '../../main/runtime/runtime';
import { tempDir } from '../support/temp-dir';

/** Every entry of a zip, by name (read with yauzl, as support would unzip it). */
const unzip = (path: string): Promise<Map<string, string>> =>
  new Promise((resolve, reject) => {
    const entries = new Map<string, string>();
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`command failed: ${JSON.stringify(result.error)}`);
  return result.value;
};

let dir: ReturnType<typeof tempDir>;
let runtime: Runtime | null = null;
beforeEach(() => {
  dir = tempDir('pilot-diagnostics-');
});
afterEach(async () => {
  await runtime?.close();
  runtime = null;
  dir.remove();
});

describe('Export diagnostics', () => {
  it('writes a zip with logs, settings, policy, updates, versions, OS, audio devices and the last calls, and no key anywhere in it', async () => {
    runtime = await startRuntime({ dataDir: dir.path, host: 'browser', version: '0.1.0', notifier: () => new NoNativeNotifier(), keychain: new MemoryCredentialStore(), policyPlaces: { platform: 'linux', linuxDir: dir.path } });
    const { softphone, demo, logger } = runtime;
    const keys = demo!.lines.map((line) => line.apiKey);
    expect(keys.every((key) => key.startsWith('ps_'))).toBe(true);
    // Secrets that slipped into log calls, the way a careless line of code would put them there.
    logger.warn({ request: { headers: { 'x-api-key': keys[0] } }, nested: { line: { apiKey: keys[1] } } }, `poll failed with ${keys[0]}`);
    const { callId } = ok(await softphone.dispatch('demo.incomingCall', { provider: 'EVO_GO' })) as { callId: string };
    await expect.poll(() => softphone.calls.list().find((c) => c.id === callId)?.phase, { timeout: 10_000 }).toBe('ringing');
    ok(await softphone.dispatch('calls.decline', { callId }));
    await expect.poll(() => softphone.calls.list().find((c) => c.id === callId)?.phase, { timeout: 10_000 }).toBe('ended');

    const exported = ok(
      await softphone.dispatch('diagnostics.export', {
        audioDevices: [
          { kind: 'audioinput', label: 'USB Headset Microphone', selected: true },
          { kind: 'audiooutput', label: 'USB Headset', selected: true },
        ],
      }),
    ) as DiagnosticsExportView;
    expect(exported.path.startsWith(dir.path)).toBe(true);
    const entries = await unzip(exported.path);
    expect([...entries.keys()].sort()).toEqual(
      ['README.txt', 'audio-devices.json', 'calls.json', 'connections.json', 'logs/softphone.log', 'policy.json', 'settings.json', 'updates.json', 'versions.json'].sort(),
    );
    const json = (name: string) => JSON.parse(entries.get(name)!) as Record<string, unknown>;
    expect(json('versions.json')).toMatchObject({ app: { version: '0.1.0', host: 'browser' }, runtime: { node: process.versions.node }, os: { platform: process.platform } });
    expect(json('audio-devices.json')).toEqual([expect.objectContaining({ label: 'USB Headset Microphone' }), expect.objectContaining({ kind: 'audiooutput' })]);
    expect(json('settings.json')).toMatchObject({ inForce: { pollIntervalMs: 1000 } });
    expect(json('policy.json')).toMatchObject({ state: 'none' });
    expect(json('updates.json')).toMatchObject({ state: 'off' });
    const calls = json('calls.json') as unknown as { id: string; peer: string; timeline: { kind: string }[] }[];
    const call = calls.find((c) => c.id === callId)!;
    expect(call.timeline.map((event) => event.kind)).toEqual(expect.arrayContaining(['ringing', 'ended']));
    expect(call.peer).toMatch(/^\+55…\d{4}$/);
    expect(entries.get('logs/softphone.log')).toContain('poll failed with ps_[secret]');

    // The scan: no key, no key-shaped text, no full customer number, in any file of the bundle.
    const everything = [...entries.values()].join('\n');
    for (const key of keys) expect(everything).not.toContain(key.slice(3));
    expect(everything.match(/ps_(?!\[secret\])[A-Za-z0-9_-]{4,}/g) ?? []).toEqual([]);
    const raw = readFileSync(exported.path);
    for (const key of keys) expect(raw.includes(Buffer.from(key.slice(3)))).toBe(false);
  });
});
