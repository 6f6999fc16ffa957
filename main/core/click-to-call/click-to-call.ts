import { numberInCallLink, type DialRequest } from '../../../preload/contract';
import { isoTime, type Clock } from '../clock';
import type { Handlers } from '../commands/dispatcher';
import { AppFailure } from '../errors';
import type { Logger } from '../logging/logger';
import { parseDialedNumber } from '../phone';
import type { EventSink } from '../ports';

/**
 * The number a click-to-call link or `--call` argument stands for, as E.164
 * (Brazilian formats first, as in the dialer); anything else is refused with
 * the sentence the agent reads.
 */
export const numberToCall = (text: string): string => {
  const inner = numberInCallLink(text);
  if (inner === null) throw new AppFailure('CALL_LINK_EMPTY', `"${text}" is a call link without a phone number in it`, { reason: 'CALL_LINK_EMPTY' });
  const number = parseDialedNumber(inner);
  if (!number) throw new AppFailure('PHONE_INVALID', `"${text}" is not a phone number that can be called`, { reason: 'PHONE_INVALID' });
  return number;
};

/** How long a request waits for a window to take it (a window opened later still gets it). */
const pendingForMs = 120_000;

export interface ClickToCallDeps {
  clock: Clock;
  emit: EventSink;
  logger: Logger;
}

/**
 * Numbers to dial that come from outside the window. Each is told to the
 * windows at once (`dialer.prefill`) and kept a short while for a window
 * that connects later, which takes it once.
 */
export class ClickToCall {
  private pending: DialRequest | null = null;

  constructor(private readonly deps: ClickToCallDeps) {}

  /** Opens the dialer with the number `text` carries; throws with a sentence when it carries none. */
  request(text: string, source: DialRequest['source']): DialRequest {
    const number = numberToCall(text);
    const request: DialRequest = { id: crypto.randomUUID(), number, source, at: isoTime(this.deps.clock.now()) };
    this.pending = request;
    this.deps.logger.info({ source }, 'number to dial received');
    this.deps.emit('dialer.prefill', request);
    return request;
  }

  /** The request no window took yet, taken now (null when none, or when it waited too long). */
  take(): DialRequest | null {
    const request = this.pending;
    this.pending = null;
    if (!request || this.deps.clock.now() - Date.parse(request.at) > pendingForMs) return null;
    return request;
  }

  handlers(): Handlers<'dialer.pending'> {
    return { 'dialer.pending': () => this.take() };
  }
}
