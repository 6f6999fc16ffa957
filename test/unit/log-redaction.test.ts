import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/core/logging/logger';
import { redactDeep } from '../../main/core/logging/redaction';
import { tempDir } from '../support/temp-dir';

const key = 'ps_live_9fK2mQ7xR4tZ8wB1';
const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('pilot-logs-');
});
afterEach(() => dir.remove());

const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logs never hold secrets', () => {
  it('censors secret fields at any depth and keys, tokens and URL credentials inside any text', () => {
    const file = join(dir.path, 'logs', 'softphone.log');
    const logger = createLogger({ file });
    logger.info(
      {
        request: { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-API-Key': key, accept: 'application/json' } },
        deep: { a: { b: { c: { apiKey: key, secret: 'hunter22', keep: 'visible' } } } },
        list: [{ token }, { url: `https://pilot.example.com/v1/calls?key=${key}` }],
        proxy: 'https://ana:pa55word@proxy.example.com:3128',
      },
      `request failed for line with ${key}`,
    );
    logger.error({ err: new Error(`Pilot answered 401 for ${key}`) }, 'poll failed');
    logger.child({ part: 'calls' }).warn(`retrying with Bearer ${token}`);
    logger.flush();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(key.slice(3));
    expect(text).not.toContain(token.slice(0, 20));
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('pa55word');
    const [first, second, third] = linesOf(file);
    expect(first).toMatchObject({
      msg: 'request failed for line with ps_[secret]',
      request: { headers: { Authorization: '[secret]', 'X-API-Key': '[secret]', accept: 'application/json' } },
      deep: { a: { b: { c: { apiKey: '[secret]', secret: '[secret]', keep: 'visible' } } } },
      list: [{ token: '[secret]' }, { url: 'https://pilot.example.com/v1/calls?key=[secret]' }],
    });
    expect(second).toMatchObject({ msg: 'poll failed', err: { message: 'Pilot answered 401 for ps_[secret]' } });
    expect(String((second!.err as { stack: string }).stack)).toContain('ps_[secret]');
    expect(third).toMatchObject({ msg: 'retrying with Bearer [secret]', part: 'calls' });
  });

  it('cuts team agent tokens out of any text', () => {
    const agentToken = 'pst_Qm7xR4tZ8wB1Qm7xR4tZ8wB1Qm7xR4tZ8wB1Qm7xR4t';
    expect(redactDeep({ msg: `team server refused ${agentToken} at once`, nested: [`x ${agentToken}`] })).toEqual({
      msg: 'team server refused pst_[secret] at once',
      nested: ['x pst_[secret]'],
    });
  });

  it('leaves ordinary values alone and survives cycles', () => {
    const looped: Record<string, unknown> = { callId: 'c1', keyCount: 3, monkey: 'banana' };
    looped.self = looped;
    expect(redactDeep(looped)).toEqual({ callId: 'c1', keyCount: 3, monkey: 'banana', self: '[circular]' });
  });
});

describe('logs rotate by size', () => {
  it('keeps at most the current file and the rotated ones, each near the size limit, newest lines current', () => {
    const file = join(dir.path, 'logs', 'softphone.log');
    const logger = createLogger({ file, rotation: { maxBytes: 4096, keep: 2 } });
    for (let i = 0; i < 400; i++) logger.info({ i, filler: 'x'.repeat(60) }, 'line');
    logger.flush();
    const files = readdirSync(join(dir.path, 'logs')).sort();
    expect(files).toEqual(['softphone.log', 'softphone.log.1', 'softphone.log.2']);
    for (const name of files) expect(statSync(join(dir.path, 'logs', name)).size).toBeLessThanOrEqual(4096);
    const current = linesOf(file).map((l) => l.i as number);
    const previous = linesOf(`${file}.1`).map((l) => l.i as number);
    expect(current.at(-1)).toBe(399);
    // Rotated whole lines in order: the previous file ends right before the current one starts.
    expect(previous.at(-1)).toBe(current[0]! - 1);
    // The oldest lines were let go: the disk used is bounded.
    expect(linesOf(`${file}.2`)[0]!.i).toBeGreaterThan(0);
  });
});
