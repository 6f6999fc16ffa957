import { describe, expect, it } from 'vitest';
import { commandRequests } from '../../preload/contract';

const reasonOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? null : result.error!.issues[0]!.message);
const settings = commandRequests['settings.update'];
const prompt = (over: Record<string, unknown> = {}) => ({ id: 'greeting', label: 'Greeting', url: 'https://cdn.example.com/prompts/greeting.mp3', ...over });

describe('web-number settings and commands in the contract', () => {
  it('accepts prompt URLs Pilot Status can fetch: http(s), .mp3/.wav/.opus (any case, query allowed)', () => {
    expect(settings.safeParse({ prompts: [prompt(), prompt({ id: 'hold', url: 'http://intranet.example/hold.WAV?v=2' }), prompt({ id: 'x', url: 'https://a.example/x.opus' })] }).success).toBe(true);
  });

  it('names what is wrong with a prompt, so the window can say it', () => {
    expect(reasonOf(settings.safeParse({ prompts: [prompt({ url: 'greeting.mp3' })] }))).toBe('PROMPT_URL_FORMAT');
    expect(reasonOf(settings.safeParse({ prompts: [prompt({ url: 'ftp://cdn.example.com/greeting.mp3' })] }))).toBe('PROMPT_URL_FORMAT');
    expect(reasonOf(settings.safeParse({ prompts: [prompt({ url: 'https://cdn.example.com/greeting.txt' })] }))).toBe('PROMPT_URL_TYPE');
    expect(reasonOf(settings.safeParse({ prompts: [prompt({ label: '  ' })] }))).toBe('PROMPT_LABEL_REQUIRED');
    expect(reasonOf(settings.safeParse({ prompts: [prompt({ label: 'x'.repeat(61) })] }))).toBe('PROMPT_LABEL_TOO_LONG');
    expect(reasonOf(settings.safeParse({ prompts: [prompt(), prompt()] }))).toBe('PROMPT_ID_DUPLICATE');
    expect(reasonOf(settings.safeParse({ prompts: Array.from({ length: 31 }, (_, i) => prompt({ id: `p${i}` })) }))).toBe('PROMPTS_TOO_MANY');
  });

  it('takes only the wire rates the realtime socket can speak', () => {
    for (const rate of [8000, 16000, 24000, 48000]) expect(settings.safeParse({ sampleRate: rate }).success).toBe(true);
    for (const rate of [11025, 44100, '16000', 0]) expect(settings.safeParse({ sampleRate: rate }).success).toBe(false);
  });

  it('bounds what a renderer may report, since the renderer is not trusted', () => {
    const stats = { callId: 'call_1', framesIn: 1, framesOut: 1, underruns: 0, concealedMs: 0, playedMs: 20, socketToSpeakerMs: [1.5], bufferMs: [30] };
    expect(commandRequests['pcm.stats'].safeParse(stats).success).toBe(true);
    expect(commandRequests['pcm.stats'].safeParse({ ...stats, socketToSpeakerMs: Array(1001).fill(1) }).success).toBe(false);
    expect(commandRequests['pcm.stats'].safeParse({ ...stats, framesIn: -1 }).success).toBe(false);
    expect(commandRequests['pcm.stats'].safeParse({ ...stats, extra: true }).success).toBe(false);
    expect(commandRequests['pcm.failed'].safeParse({ callId: 'call_1', reason: 'microphone-denied' }).success).toBe(true);
    expect(commandRequests['pcm.failed'].safeParse({ callId: 'call_1', reason: 'something-else' }).success).toBe(false);
  });
});
