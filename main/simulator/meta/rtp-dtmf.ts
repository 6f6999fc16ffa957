/**
 * RFC 4733 telephone events, as a WebRTC sender's `RTCRtpSender.dtmf` puts
 * them on the wire: one event repeated in several packets that share an RTP
 * timestamp, the last ones with the End bit set.
 */
export interface TelephoneEvent {
  /** 0–9, 10 = `*`, 11 = `#`, 12–15 = A–D. */
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

const digits = '0123456789*#ABCD';

export const parseTelephoneEvent = (payload: Uint8Array): TelephoneEvent | null => {
  if (payload.length < 4) return null;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
};

export const digitOf = (event: number): string | null => digits[event] ?? null;

/** Turns the packets of a telephone-event stream into the digits pressed, each once, in order. */
export class DtmfCollector {
  private lastTimestamp: number | null = null;
  readonly digits: string[] = [];

  /** Feeds one packet; returns the digit when it starts a new event. */
  push(rtpTimestamp: number, payload: Uint8Array): string | null {
    const parsed = parseTelephoneEvent(payload);
    if (!parsed || rtpTimestamp === this.lastTimestamp) return null;
    this.lastTimestamp = rtpTimestamp;
    const digit = digitOf(parsed.event);
    if (digit) this.digits.push(digit);
    return digit;
  }
}
