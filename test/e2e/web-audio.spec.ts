import { chromiumArgs, chromiumExecutable } from '../support/chromium';
import { dominantFrequency } from '../support/audio-analysis';
import { installSpeakerTap, speakerAudio } from './speaker-tap';
import { toneWav } from '../support/tone-files';
import { expect, test } from './fixtures';
import { agentHz, answerWebCall, customerHz, lastLog, pcm16ToFloat, presentShare, webLine } from './web-call';

const microphone = toneWav('agent-mic', agentHz);
test.use({ launchOptions: { executablePath: chromiumExecutable, args: chromiumArgs([`--use-file-for-fake-audio-capture=${microphone}`]) } });

/** What the app's last log line for a call's audio says about each hop. */
interface AudioEnded {
  link: { framesIn: number; framesOut: number; outDropped: number };
  playback: { framesIn: number; framesOut: number };
  delivery: { toRendererLost: number; fromRendererLost: number; toRenderer: number; fromRenderer: number };
}

const formats = [
  { name: '16 kHz / 20 ms frames', sampleRate: 16_000, frameMs: 20 },
  { name: '16 kHz / 60 ms frames', sampleRate: 16_000, frameMs: 60 },
  { name: '24 kHz inbound', sampleRate: 24_000, frameMs: 20 },
];

for (const format of formats) {
  test(`web-number audio flows both ways at ${format.name}: tones found at their frequencies, under 1 % of frames lost at any hop`, async ({ page, sim, openApp }) => {
    sim.simulator.media.configure({ sampleRate: format.sampleRate, frameMs: format.frameMs });
    sim.simulator.media.defaultVoice = { kind: 'tone', frequency: customerHz };
    await installSpeakerTap(page);
    const app = await openApp({ args: ['--no-demo'] });
    const number = await webLine(page, sim, { sampleRate: format.sampleRate });
    const call = await answerWebCall(page, sim, number);
    const steadyFrom = Date.now() + 500;
    await page.waitForTimeout(4500);

    // The customer's tone at the agent's speaker, heard through the call. Frames lost are counted exactly
    // below; here a late frame on a CPU starved by parallel tests may cost a few concealed windows.
    const heard = await speakerAudio(page, steadyFrom);
    expect(heard.samples.length / heard.sampleRate).toBeGreaterThan(3);
    expect(Math.abs(dominantFrequency(heard.samples, heard.sampleRate) - customerHz)).toBeLessThan(3);
    expect(presentShare(heard.samples, heard.sampleRate, customerHz)).toBeGreaterThan(0.9);

    // The agent's microphone tone at the customer.
    const media = sim.simulator.media.existing(call.callId)!;
    const agent = pcm16ToFloat(media.agentAudio());
    const steady = agent.subarray(Math.round(format.sampleRate * 0.5));
    expect(Math.abs(dominantFrequency(steady, format.sampleRate) - agentHz)).toBeLessThan(3);
    expect(presentShare(steady, format.sampleRate, agentHz)).toBeGreaterThan(0.95);

    // Let the customer's phone fall silent and the line drain, so every frame sent had time to arrive.
    media.pauseSending();
    await page.waitForTimeout(1000);
    await call.live.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByRole('region', { name: `Call with ${call.caller} ended` })).toBeVisible();
    await expect.poll(() => lastLog(app, 'web audio ended', call.callId)).toBeTruthy();
    const ended = lastLog(app, 'web audio ended', call.callId) as unknown as AudioEnded;
    const [session] = media.sessions;

    // Frames lost, counted exactly at every hop, both ways: under 1 % in all.
    // Customer → app: what the server sent and the app's socket received.
    expect(session!.framesSent - ended.link.framesIn).toBeLessThanOrEqual(Math.max(1, Math.floor(session!.framesSent * 0.01)));
    // App → renderer's worklet: frames the worklet should have had by its last report, and had.
    expect(ended.playback.framesIn * format.frameMs).toBeGreaterThan(3000);
    expect(ended.delivery.toRendererLost / ended.playback.framesIn).toBeLessThan(0.01);
    // Renderer → app → customer: frames the worklet sent, the app got, wrote to the socket, and the server received.
    expect(ended.playback.framesOut).toBeGreaterThan(100);
    expect(ended.delivery.fromRendererLost / ended.playback.framesOut).toBeLessThan(0.01);
    expect(ended.link.outDropped / ended.delivery.fromRenderer).toBeLessThan(0.01);
    expect(session!.framesReceived).toBe(ended.link.framesOut);
    expect(session!.bytesReceived).toBe(session!.framesReceived * format.sampleRate * 0.02 * 2);
    expect(lastLog(app, 'realtime inbound frame size detected', call.callId)).toMatchObject({ bytes: (format.sampleRate * format.frameMs * 2) / 1000 });
  });
}
