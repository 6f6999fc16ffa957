import type { AppError, CommandRequest, ContactImportReport, ContactView, PilotApi, Result } from '../../../../preload/contract';
import { contactImportMaxBytes } from '../../../../preload/contract/constants';

const pageSize = 100;
const searchAfterMs = 200;

/** Base64 of a file's bytes, in chunks (a spread of millions of bytes overflows the call stack). */
const base64Of = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/**
 * The contacts list as the agent sees it: the contacts matching what was
 * typed in the search (the first {@link pageSize}, by name) and how many
 * match in all; adding, editing, deleting and importing. The list reloads
 * whenever the core says contacts changed (another window, an import).
 */
export class ContactsState {
  query = $state('');
  contacts = $state<ContactView[]>([]);
  total = $state(0);
  loaded = $state(false);
  error = $state<AppError | null>(null);
  /** The file being imported, then what its import reported. */
  importing = $state<string | null>(null);
  report = $state<(ContactImportReport & { fileName: string }) | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(private readonly api: PilotApi) {
    // Read when the Contacts section first shows them; from then on kept current.
    api.on('contacts.changed', () => void (this.loaded ? this.load() : undefined));
  }

  get pageSize(): number {
    return pageSize;
  }

  /** The agent typed in the search: the list follows shortly after the typing stops. */
  search(query: string): void {
    this.query = query;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), searchAfterMs);
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    const result = await this.api.contacts.search({ query: this.query, limit: pageSize });
    if (generation !== this.generation) return;
    this.loaded = true;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    this.contacts = result.value.contacts;
    this.total = result.value.total;
  }

  add(contact: CommandRequest<'contacts.add'>): Promise<Result<ContactView>> {
    return this.api.contacts.add(contact);
  }

  update(change: CommandRequest<'contacts.update'>): Promise<Result<ContactView>> {
    return this.api.contacts.update(change);
  }

  remove(id: number): Promise<Result<{ ok: true }>> {
    return this.api.contacts.remove({ id });
  }

  /** Sends a picked file to the core to read; resolves with the error when it could not be sent or read at all. */
  async import(file: File, existing: 'skip' | 'update'): Promise<AppError | null> {
    this.report = null;
    if (file.size > contactImportMaxBytes) return { code: 'IMPORT_FILE_TOO_LARGE', message: 'file too large', details: { reason: 'IMPORT_FILE_TOO_LARGE' } };
    this.importing = file.name;
    const data = base64Of(new Uint8Array(await file.arrayBuffer()));
    const result = await this.api.contacts.import({ fileName: file.name, data, existing });
    this.importing = null;
    if (!result.ok) return result.error;
    this.report = { ...result.value, fileName: file.name };
    return null;
  }
}
