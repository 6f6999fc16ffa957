import { randomBytes } from 'node:crypto';

export type RealtimeMode = 'talk' | 'listen';

export type TokenRefusal = 'unknown' | 'used' | 'expired' | 'wrong-call' | 'call-ended';

export interface IssuedToken {
  token: string;
  callId: string;
  mode: RealtimeMode;
  issuedAt: number;
  expiresAt: number;
  /** When it was presented and accepted; a token is good once. */
  redeemedAt: number | null;
}

export interface RefusedConnection {
  callId: string;
  token: string;
  reason: TokenRefusal;
  at: number;
}

/**
 * The realtime-session tokens of contract §6: single use, valid for a
 * limited time (about 120 s), bound to one call and one mode. Every
 * presentation is recorded, so tests can prove both that a reused token is
 * refused and that the app never tried one twice.
 */
export class RealtimeTokens {
  readonly refused: RefusedConnection[] = [];
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private ttlMs = 120_000) {}

  get ttlSeconds(): number {
    return Math.round(this.ttlMs / 1000);
  }

  setTtl(ms: number): void {
    this.ttlMs = ms;
  }

  issue(callId: string, mode: RealtimeMode, now = Date.now()): IssuedToken {
    const issued: IssuedToken = { token: `rt_${randomBytes(24).toString('base64url')}`, callId, mode, issuedAt: now, expiresAt: now + this.ttlMs, redeemedAt: null };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  /** Accepts the token once for its own call; anything else is refused and recorded. */
  redeem(token: string, callId: string, callLive: boolean, now = Date.now()): { ok: true; issued: IssuedToken } | { ok: false; reason: TokenRefusal } {
    const issued = this.tokens.get(token);
    const reason: TokenRefusal | null = !issued
      ? 'unknown'
      : issued.callId !== callId
        ? 'wrong-call'
        : issued.redeemedAt !== null
          ? 'used'
          : now > issued.expiresAt
            ? 'expired'
            : !callLive
              ? 'call-ended'
              : null;
    if (reason || !issued) {
      this.refused.push({ callId, token, reason: reason ?? 'unknown', at: now });
      return { ok: false, reason: reason ?? 'unknown' };
    }
    issued.redeemedAt = now;
    return { ok: true, issued };
  }

  /** Tokens of a call in the order they were issued. */
  forCall(callId: string): IssuedToken[] {
    return [...this.tokens.values()].filter((t) => t.callId === callId);
  }
}
