import type { CallLogEntry, PilotApi } from '../../../../preload/contract';

const pageSize = 100;

/** The newest calls of the local call log, kept current as calls change. */
export class CallLogState {
  entries = $state<CallLogEntry[]>([]);

  constructor(private readonly api: PilotApi) {
    api.on('log.changed', (entry) => this.upsert(entry));
  }

  async load(): Promise<void> {
    const result = await this.api.log.list({ limit: pageSize });
    if (result.ok) this.entries = result.value;
  }

  private upsert(entry: CallLogEntry): void {
    const index = this.entries.findIndex((e) => e.id === entry.id);
    if (index !== -1) {
      this.entries[index] = entry;
      return;
    }
    this.entries = [entry, ...this.entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, pageSize);
  }
}
