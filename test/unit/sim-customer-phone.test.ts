import { afterEach, describe, expect, it } from 'vitest';
import { CustomerPhone } from '../../main/simulator/meta/customer-phone';
import { setupValues } from '../../main/simulator/meta/sdp-rules';

const until = async (check: () => boolean, timeoutMs = 8000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('CustomerPhone (werift) talking to another WebRTC peer', () => {
  const phones: CustomerPhone[] = [];
  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.close()));
  });

  it('offers WhatsApp codecs, connects, and each side hears the other side\'s tone at its frequency', async () => {
    const { phone: caller, offer } = await CustomerPhone.calling({ kind: 'tone', hz: 440 });
    phones.push(caller);
    expect(offer).toMatch(/^a=rtpmap:111 opus\/48000\/2/m);
    expect(offer).toMatch(/^a=rtpmap:126 telephone-event\/8000/m);
    expect(offer).toMatch(/^a=candidate:/m);
    expect(setupValues(offer)).toEqual(['actpass']);

    const { phone: callee, answer } = await CustomerPhone.called(offer, { kind: 'tone', hz: 880 });
    phones.push(callee);
    await caller.applyAnswer(answer);
    caller.startTalking();
    callee.startTalking();

    await until(() => caller.levelAt(880) > 0.1 && callee.levelAt(440) > 0.1);
    expect(caller.dominant()!.hz).toBeGreaterThan(870);
    expect(caller.dominant()!.hz).toBeLessThan(890);
    expect(callee.dominant()!.hz).toBeGreaterThan(430);
    expect(callee.dominant()!.hz).toBeLessThan(450);
    expect(callee.levelAt(880)).toBeLessThan(0.02);
  });

  it('answers an active offer as passive, and its echo mode sends back what it hears', async () => {
    const { phone: agent, offer } = await CustomerPhone.calling({ kind: 'tone', hz: 1000 });
    phones.push(agent);
    const activeOffer = offer.replace(/^a=setup:actpass/gm, 'a=setup:active');
    const { phone: echo, answer } = await CustomerPhone.called(activeOffer, { kind: 'echo' });
    phones.push(echo);
    expect(setupValues(answer)).toEqual(['passive']);
    await agent.applyAnswer(answer);
    agent.startTalking();
    echo.startTalking();
    await until(() => agent.levelAt(1000) > 0.1);
    expect(Math.abs(agent.dominant()!.hz - 1000)).toBeLessThan(10);
  });

  it('stays silent until it starts talking', async () => {
    const { phone: caller, offer } = await CustomerPhone.calling({ kind: 'tone', hz: 500 });
    const { phone: callee, answer } = await CustomerPhone.called(offer, { kind: 'silence' });
    phones.push(caller, callee);
    await caller.applyAnswer(answer);
    callee.startTalking();
    await until(() => caller.packetsReceived > 20);
    await new Promise((r) => setTimeout(r, 500));
    expect(callee.packetsReceived).toBe(0);
    caller.startTalking();
    await until(() => callee.levelAt(500) > 0.1);
  });
});
