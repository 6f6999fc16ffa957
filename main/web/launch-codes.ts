import { randomBytes } from 'node:crypto';

/** How long a window address stays good if nobody opens it. */
export const launchCodeTtlMs = 10 * 60_000;

/**
 * One-time codes that open a window of the browser host. The address given
 * to Chromium (its command line is readable by every user of the machine)
 * or printed for the agent carries a code, not the session secret: the
 * window exchanges the code once for the secret, and from then on the code
 * is dead. A code nobody used lapses after {@link launchCodeTtlMs}.
 */
export class LaunchCodes {
  private readonly codes = new Map<string, number>();

  constructor(
    private readonly ttlMs = launchCodeTtlMs,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): string {
    this.prune();
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, this.now() + this.ttlMs);
    return code;
  }

  /** True once for a code this host issued and nobody redeemed, within its lifetime; false ever after. */
  redeem(code: string): boolean {
    const expiresAt = this.codes.get(code);
    if (expiresAt === undefined) return false;
    this.codes.delete(code);
    return expiresAt > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [code, expiresAt] of this.codes) if (expiresAt <= now) this.codes.delete(code);
  }
}
