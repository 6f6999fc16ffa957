import type { AppError, CallDetail, CallLogEntry, ExportProgress, HistoryCursor, HistoryListRow, HistoryStats, HistoryStatus, PilotApi } from '../../../../preload/contract';
import { localHistory } from '../../../../preload/contract/constants';
import { emptyFilter, isUnfiltered, sortOf, toHistoryFilter, type FilterForm, type SortChoice } from './history-filter';
import { appendPage, listRowOf } from './history-rows';

const pageSize = 100;

/**
 * The history view's state: the filter form, the rows loaded so far (keyset
 * pages from the main side; the table itself never crosses over), stats for
 * the same filter, the call detail open, and the export under way. Responses
 * to an older filter are dropped when a newer one was asked meanwhile.
 */
export class HistoryState {
  form = $state<FilterForm>(emptyFilter());
  sort = $state<SortChoice>('newest');
  rows = $state<HistoryListRow[]>([]);
  loading = $state(false);
  complete = $state(false);
  error = $state<AppError | null>(null);
  /** Calls arrived that the current list may not show; offered as "show them". */
  hasNewer = $state(false);
  stats = $state<HistoryStats | null>(null);
  statsOpen = $state(false);
  statsError = $state<AppError | null>(null);
  detail = $state<CallDetail | null>(null);
  exportProgress = $state<ExportProgress | null>(null);
  exportError = $state<AppError | null>(null);
  recovery = $state<HistoryStatus['recovery']>(null);
  /** Lines that have calls in the log, for the line filter (with lines configured now). */
  loggedLines = $state<HistoryStatus['lines']>([]);
  reconciledCount = $state(0);
  /** Which history answers: this computer's call log, or a team line's team history (its id). */
  source = $state<string>(localHistory);
  private next: HistoryCursor | null = null;
  private generation = 0;

  constructor(private readonly api: PilotApi) {
    api.on('log.changed', (entry) => this.changed(entry));
    api.on('history.reconciled', ({ added }) => {
      this.reconciledCount += added;
      this.hasNewer = true;
    });
    api.on('history.exportProgress', (progress) => {
      if (!this.exportProgress || this.exportProgress.exportId === progress.exportId) this.exportProgress = progress;
    });
  }

  get filter() {
    return toHistoryFilter(this.form);
  }

  get isLocal(): boolean {
    return this.source === localHistory;
  }

  /** First load and every reconnection. */
  async load(): Promise<void> {
    const source = this.source;
    const status = await this.api.history.status({ source });
    if (source !== this.source) return;
    if (status.ok) {
      this.recovery = status.value.recovery;
      this.loggedLines = status.value.lines;
    } else {
      this.loggedLines = [];
    }
    await this.reload();
  }

  /**
   * Switches between this computer's call log and a team history: the same
   * filters, search, stats and export, asked of the other source. A line
   * chosen in the filter belongs to one source only, so it is cleared.
   */
  async setSource(source: string): Promise<void> {
    if (source === this.source) return;
    this.source = source;
    this.form.accountId = '';
    this.detail = null;
    this.recovery = null;
    this.reconciledCount = 0;
    await this.load();
  }

  /** Starts the list over for the current filter and sort. */
  async reload(): Promise<void> {
    this.generation += 1;
    this.rows = [];
    this.next = null;
    this.complete = false;
    this.hasNewer = false;
    this.loading = false;
    await this.loadMore();
    if (this.statsOpen) await this.loadStats();
  }

  async loadMore(): Promise<void> {
    if (this.loading || this.complete) return;
    const generation = this.generation;
    this.loading = true;
    const after = this.next ?? undefined;
    const result = await this.api.history.query({ filter: this.filter, sort: sortOf(this.sort), limit: pageSize, ...(after ? { after } : {}), source: this.source });
    if (generation !== this.generation) return;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      this.complete = true;
      return;
    }
    this.error = null;
    this.rows = appendPage(this.rows, result.value.rows);
    this.next = result.value.next;
    this.complete = result.value.next === null;
  }

  async loadStats(): Promise<void> {
    const generation = this.generation;
    const result = await this.api.history.stats({ filter: this.filter, source: this.source });
    if (generation !== this.generation) return;
    this.stats = result.ok ? result.value : null;
    this.statsError = result.ok ? null : result.error;
  }

  async toggleStats(): Promise<void> {
    this.statsOpen = !this.statsOpen;
    if (this.statsOpen) await this.loadStats();
  }

  async openDetail(callId: string): Promise<void> {
    const result = await this.api.history.get({ callId, source: this.source });
    if (result.ok) this.detail = result.value;
    else this.error = result.error;
  }

  closeDetail(): void {
    this.detail = null;
  }

  /** Saves what was edited in the open detail; returns the error to show, if any. */
  async annotate(edit: { notes: string; disposition: string; tags: string[]; contactName: string }): Promise<AppError | null> {
    if (!this.detail) return null;
    const result = await this.api.history.annotate({ callId: this.detail.id, ...edit, disposition: edit.disposition || null, contactName: edit.contactName || null, source: this.source });
    if (!result.ok) return result.error;
    this.detail = result.value;
    const index = this.rows.findIndex((r) => r.id === result.value.id);
    if (index !== -1) this.rows[index] = listRowOf(result.value);
    return null;
  }

  async startExport(): Promise<void> {
    this.exportError = null;
    const result = await this.api.history.export({ filter: this.filter, sort: sortOf(this.sort), source: this.source });
    if (result.ok) this.exportProgress = result.value;
    else this.exportError = result.error;
  }

  async cancelExport(): Promise<void> {
    if (this.exportProgress) await this.api.history.exportCancel({ exportId: this.exportProgress.exportId });
  }

  private changed(entry: CallLogEntry): void {
    // A team history is the team server's: a call changing here is offered as "show them", not merged in.
    if (!this.isLocal) {
      this.hasNewer = true;
      return;
    }
    const index = this.rows.findIndex((r) => r.id === entry.id);
    if (index !== -1) {
      this.rows[index] = listRowOf(entry, this.rows[index]);
      // What the event does not carry (notes, disposition, tags saved during or after the call) is reread.
      void this.refreshRow(entry.id);
      return;
    }
    // A new call goes on top only where it surely belongs: no filter, newest first, and newer than the top row.
    const top = this.rows[0];
    const fresh = listRowOf(entry);
    if (this.sort === 'newest' && isUnfiltered(this.filter) && (!top || fresh.createdAt >= top.createdAt)) {
      this.rows = [fresh, ...this.rows];
      void this.refreshRow(entry.id);
    } else {
      this.hasNewer = true;
    }
  }

  /** Fills in what `log.changed` does not carry (agent, contact, ...). */
  private async refreshRow(callId: string): Promise<void> {
    const result = await this.api.history.get({ callId });
    if (!result.ok) return;
    const index = this.rows.findIndex((r) => r.id === callId);
    if (index !== -1) this.rows[index] = listRowOf(result.value);
  }
}
