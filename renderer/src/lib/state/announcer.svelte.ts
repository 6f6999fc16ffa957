/**
 * One polite live region for what keyboard commands answer ("No call is
 * ringing"): read by screen readers, shown briefly to everyone.
 */
export class Announcer {
  message = $state('');
  private clearing: ReturnType<typeof setTimeout> | null = null;

  say(message: string): void {
    // The same sentence twice in a row is still announced: the region is emptied first.
    this.message = '';
    queueMicrotask(() => (this.message = message));
    if (this.clearing) clearTimeout(this.clearing);
    this.clearing = setTimeout(() => (this.message = ''), 4000);
  }
}
