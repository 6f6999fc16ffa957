import type { CallOutcome, Direction } from '../../../preload/contract';

/**
 * The i18n key for how a call ended, as the agent reads it: an outbound call
 * the customer did not pick up is "not answered", not "missed" (a missed call
 * is a customer nobody answered). The CSV export words it the same way
 * (main/core/calls/outcome.ts).
 */
export const outcomeLabelKey = (direction: Direction, outcome: CallOutcome | null): string =>
  direction === 'OUTBOUND' && outcome === 'missed' ? 'outcome.notAnswered' : `outcome.${outcome ?? 'live'}`;
