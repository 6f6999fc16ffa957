import type { CallOutcome, Direction, HistoryFilter, HistorySort } from '../../../../preload/contract';

/** The filter form as typed: strings, empty meaning "any". */
export interface FilterForm {
  text: string;
  /** `YYYY-MM-DD` local dates, both days included. */
  from: string;
  to: string;
  accountId: string;
  direction: Direction | '';
  outcome: CallOutcome | '';
  minSeconds: string;
  maxSeconds: string;
}

export type SortChoice = 'newest' | 'oldest' | 'longest' | 'shortest';

export const emptyFilter = (): FilterForm => ({ text: '', from: '', to: '', accountId: '', direction: '', outcome: '', minSeconds: '', maxSeconds: '' });

const localMidnight = (day: string): number | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
};

const wholeSeconds = (text: string): number | undefined => {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
};

/** The form as the contract's filter: local days become epoch-ms bounds, the "to" day included. */
export const toHistoryFilter = (form: FilterForm): HistoryFilter => {
  const filter: HistoryFilter = {};
  if (form.text.trim()) filter.text = form.text.trim();
  const from = localMidnight(form.from);
  if (from !== undefined) filter.from = from;
  const toDay = localMidnight(form.to);
  if (toDay !== undefined) {
    const end = new Date(toDay);
    end.setDate(end.getDate() + 1);
    filter.to = end.getTime();
  }
  if (form.accountId) filter.accountId = form.accountId;
  if (form.direction) filter.direction = form.direction;
  if (form.outcome) filter.outcome = form.outcome;
  const min = wholeSeconds(form.minSeconds);
  if (min !== undefined) filter.minSeconds = min;
  const max = wholeSeconds(form.maxSeconds);
  if (max !== undefined) filter.maxSeconds = max;
  return filter;
};

export const sortOf = (choice: SortChoice): HistorySort =>
  ({
    newest: { key: 'time', order: 'desc' },
    oldest: { key: 'time', order: 'asc' },
    longest: { key: 'duration', order: 'desc' },
    shortest: { key: 'duration', order: 'asc' },
  })[choice] as HistorySort;

/** True when no filter narrows the list: new calls can then go straight to the top of "newest first". */
export const isUnfiltered = (filter: HistoryFilter): boolean => Object.keys(filter).length === 0;
