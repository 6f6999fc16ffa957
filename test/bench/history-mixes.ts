import type { HistoryFilter, HistorySort } from '../../preload/contract';
import { generatedLines } from '../support/history-generator';

const day = 86_400_000;
const time: HistorySort = { key: 'time', order: 'desc' };
const longest: HistorySort = { key: 'duration', order: 'desc' };

/** The history benchmarks' filter mixes (local and team), relative to the newest call's time. */
export const historyMixes = (endMs: number): { name: string; filter: HistoryFilter; sort: HistorySort }[] => [
  { name: 'all, newest', filter: {}, sort: time },
  { name: 'missed', filter: { outcome: 'missed' }, sort: time },
  { name: 'line + last 7 days', filter: { accountId: generatedLines[1].id, from: endMs - 7 * day }, sort: time },
  { name: 'inbound answered >= 60 s', filter: { direction: 'INBOUND', outcome: 'answered', minSeconds: 60 }, sort: time },
  { name: 'line missed last 30 days', filter: { accountId: generatedLines[0].id, outcome: 'missed', from: endMs - 30 * day, to: endMs }, sort: time },
  { name: 'talk <= 20 s, oldest', filter: { maxSeconds: 20 }, sort: { key: 'time', order: 'asc' } },
  { name: 'line, longest', filter: { accountId: generatedLines[3].id }, sort: longest },
  { name: 'answered, longest', filter: { outcome: 'answered' }, sort: longest },
  { name: 'search number digits', filter: { text: '98765' }, sort: time },
  { name: 'search name (many hits)', filter: { text: 'conceição' }, sort: time },
  { name: 'search notes + line', filter: { text: 'retorno', accountId: generatedLines[2].id }, sort: time },
  { name: 'search, nothing matches', filter: { text: 'zzqxw' }, sort: time },
];

/** The stats benchmarks' filters. */
export const statsFilters = (endMs: number): { name: string; filter: HistoryFilter }[] => [
  { name: 'all', filter: {} },
  { name: 'line', filter: { accountId: generatedLines[1].id } },
  { name: 'missed', filter: { outcome: 'missed' } },
  { name: 'last 30 days', filter: { from: endMs - 30 * day } },
  { name: 'search name', filter: { text: 'conceição' } },
];
