import type { Logger } from '../../logging/logger';

/** Rates a realtime server plausibly speaks. */
const standardRates = [8000, 16_000, 24_000, 32_000, 44_100, 48_000];

/** How long inbound audio must flow before its byte rate is trusted to name a sample rate. */
const measureForMs = 2000;

/**
 * Watches inbound realtime frames (contract §6: rate and frame length are
 * not documented): logs the frame size when first seen and whenever it
 * changes, and after a couple of seconds compares the byte rate with the
 * configured sample rate. When the server clearly speaks another standard
 * rate, it says so once, so the media service can adapt.
 */
export class InboundFormat {
  private frameBytes = 0;
  private firstAt: number | null = null;
  private bytes = 0;
  private decided = false;

  constructor(
    private readonly configuredRate: number,
    private readonly logger: Logger,
    private readonly onRateDetected: (rate: number) => void,
  ) {}

  observe(bytes: number, now: number): void {
    if (bytes !== this.frameBytes) {
      const samples = Math.floor(bytes / 2);
      this.logger.info(
        { bytes, samples, frameMs: Math.round((samples / this.configuredRate) * 10_000) / 10, assumedRate: this.configuredRate, previousBytes: this.frameBytes || null },
        this.frameBytes ? 'realtime inbound frame size changed' : 'realtime inbound frame size detected',
      );
      if (bytes % 2) this.logger.warn({ bytes }, 'realtime inbound frame has an odd byte count; PCM16 expected');
      this.frameBytes = bytes;
    }
    if (this.decided) return;
    if (this.firstAt === null) {
      this.firstAt = now;
      this.bytes = 0;
      return;
    }
    this.bytes += bytes;
    const elapsed = now - this.firstAt;
    if (elapsed < measureForMs) return;
    this.decided = true;
    const measured = (this.bytes / 2) * (1000 / elapsed);
    const nearest = standardRates.reduce((best, rate) => (Math.abs(rate - measured) < Math.abs(best - measured) ? rate : best));
    const offByConfigured = Math.abs(measured - this.configuredRate) / this.configuredRate;
    const offByNearest = Math.abs(measured - nearest) / nearest;
    if (nearest !== this.configuredRate && offByConfigured > 0.15 && offByNearest < 0.05) {
      this.logger.warn({ configuredRate: this.configuredRate, measuredRate: Math.round(measured), adoptedRate: nearest }, 'realtime inbound audio runs at another sample rate than the setting; adapting');
      this.onRateDetected(nearest);
    } else {
      this.logger.info({ configuredRate: this.configuredRate, measuredRate: Math.round(measured) }, 'realtime inbound sample rate confirmed');
    }
  }

  /** After a reconnect the measurement starts over (a burst after the gap would skew it). */
  restartMeasurement(): void {
    if (!this.decided) this.firstAt = null;
  }
}
