import type { AccountView, AppError, CallHoursView, CallingSettingsView, PilotApi, Weekday } from '../../../../preload/contract';

/** The editable copy of a number's calling settings (what the form shows and changes). */
export interface CallingSettingsForm {
  status: string;
  callIconVisibility: string;
  callbackPermission: string;
  callHours: CallHoursView;
}

/** The agent's own time zone, as the starting point of a schedule that has none. */
const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/Sao_Paulo';

const formOf = (view: CallingSettingsView): CallingSettingsForm => ({
  status: view.status,
  callIconVisibility: view.callIconVisibility,
  callbackPermission: view.callbackPermission,
  callHours: view.callHours
    ? { ...view.callHours, timeZone: view.callHours.timeZone || localTimeZone(), weekly: [...view.callHours.weekly], holidays: [...view.callHours.holidays] }
    : { enabled: false, timeZone: localTimeZone(), weekly: [], holidays: [] },
});

/**
 * Meta calling settings of the Meta lines (only lines whose number type has
 * them): read from Pilot Status when a line is picked, edited as a form,
 * and saved whole through `calling.update`. The core checks every value
 * before anything is sent; its refusal comes back as the error to show.
 */
export class CallingSettingsState {
  accountId = $state<string | null>(null);
  form = $state<CallingSettingsForm | null>(null);
  loading = $state(false);
  saving = $state(false);
  error = $state<AppError | null>(null);
  saved = $state(false);

  constructor(private readonly api: PilotApi) {}

  /** Lines that offer calling settings. */
  linesOf(accounts: readonly AccountView[]): AccountView[] {
    return accounts.filter((account) => account.features.callingSettings);
  }

  async pick(accountId: string): Promise<void> {
    this.accountId = accountId;
    this.form = null;
    this.error = null;
    this.saved = false;
    this.loading = true;
    const result = await this.api.calling.status({ accountId });
    if (this.accountId !== accountId) return;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.form = formOf(result.value);
  }

  addPeriod(day: Weekday = 'MONDAY'): void {
    this.form?.callHours.weekly.push({ day, open: '09:00', close: '18:00' });
  }

  removePeriod(index: number): void {
    this.form?.callHours.weekly.splice(index, 1);
  }

  addHoliday(date: string): void {
    this.form?.callHours.holidays.push({ date, start: '00:00', end: '23:59' });
  }

  removeHoliday(index: number): void {
    this.form?.callHours.holidays.splice(index, 1);
  }

  /**
   * Sends what the form holds: the three switches when they are values the app knows (one Meta set
   * elsewhere is left alone), and the call hours whole (they replace the number's).
   */
  async save(): Promise<void> {
    const { accountId, form } = this;
    if (!accountId || !form) return;
    this.saving = true;
    this.saved = false;
    this.error = null;
    const known = <T extends string>(value: string, allowed: readonly T[]): T | undefined => (allowed.includes(value as T) ? (value as T) : undefined);
    const result = await this.api.calling.update({
      accountId,
      status: known(form.status, ['ENABLED', 'DISABLED'] as const),
      callIconVisibility: known(form.callIconVisibility, ['DEFAULT', 'DISABLE_ALL'] as const),
      callbackPermission: known(form.callbackPermission, ['ENABLED', 'DISABLED'] as const),
      callHours: $state.snapshot(form.callHours),
    });
    this.saving = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.form = formOf(result.value);
    this.saved = true;
  }
}
