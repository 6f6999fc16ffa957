import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { dominantFrequency } from '../support/audio-analysis';
import { installSpeakerTap, speakerAudio } from './speaker-tap';
import { toneWav } from '../support/tone-files';
import { expect, test } from './fixtures';
import { agentHz, answerWebCall, customerHz, lastLog, pcm16ToFloat, presentShare, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

const formats = [
  { name: '16 kHz / 20 ms frames', sampleRate: 16_000, frameMs: 20 },
  { name: '16 kHz / 60 ms frames', sampleRate: 16_000, frameMs: 60 },
  { name: '24 kHz inbound', sampleRate: 24_000, frameMs: 20 },
];

for (const format of formats) {
  test(`web-number audio flows both ways at ${format.name}: tones found at their frequencies, under 1 % lost`, async ({ page, sim, openApp }) => {
    sim.simulator.media.configure({ sampleRate: format.sampleRate, frameMs: format.frameMs });
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
    await installSpeakerTap(page);
    const app = await openApp({ args: ['--no-demo'] });
    const number = await webLine(page, sim, { sampleRate: format.sampleRate });
    const call = await answerWebCall(page, sim, number);
    const steadyFrom = Date.now() + 500;
    await page.waitForTimeout(4500);

    // The customer's tone at the agent's speaker.
    const heard = await speakerAudio(page, steadyFrom);
    expect(heard.samples.length / heard.sampleRate).toBeGreaterThan(3);
    expect(Math.abs(dominantFrequency(heard.samples, heard.sampleRate) - customerHz)).toBeLessThan(3);
    expect(presentShare(heard.samples, heard.sampleRate, customerHz)).toBeGreaterThan(0.99);

    // The agent's microphone tone at the customer.
    const media = sim.simulator.media.existing(call.callId)!;
    const agent = pcm16ToFloat(media.agentAudio());
    const steady = agent.subarray(Math.round(format.sampleRate * 0.5));
    expect(Math.abs(dominantFrequency(steady, format.sampleRate) - agentHz)).toBeLessThan(3);
    expect(presentShare(steady, format.sampleRate, agentHz)).toBeGreaterThan(0.99);

    // Frames: the agent's 20 ms frames keep pace with the clock; the customer's all arrive.
    const [session] = media.sessions;
    const windowEnd = Date.now() - 100;
    const inWindow = session!.receivedAt.filter((t) => t >= steadyFrom && t < windowEnd).length;
    expect(inWindow / ((windowEnd - steadyFrom) / 20)).toBeGreaterThan(0.99);
    expect(session!.bytesReceived).toBe(session!.framesReceived * format.sampleRate * 0.02 * 2);

    await call.live.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByRole('region', { name: `Call with ${call.caller} ended` })).toBeVisible();
    await expect.poll(() => lastLog(app, 'web audio ended', call.callId)).toBeTruthy();
    const ended = lastLog(app, 'web audio ended', call.callId) as { link: { framesIn: number } };
    expect(ended.link.framesIn / session!.framesSent).toBeGreaterThan(0.99);
    expect(lastLog(app, 'realtime inbound frame size detected', call.callId)).toMatchObject({ bytes: (format.sampleRate * format.frameMs * 2) / 1000 });
  });
}
