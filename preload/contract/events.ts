import type { AccountEvents } from './accounts';
import type { AppEvents } from './app';
import type { AvailabilityEvents } from './availability';
import type { CallEvents } from './calls';
import type { ClickToCallEvents } from './click-to-call';
import type { ContactEvents } from './contacts';
import type { DeploymentEvents } from './deployment';
import type { NotificationEvents } from './diagnostics';
import type { HistoryEvents } from './history';
import type { MediaEvents } from './media';
import type { MetaNumberEvents } from './meta-numbers';
import type { TeamEvents } from './team';

/** Every event the main side sends the window, by name, with its payload. */
export interface EventPayloads
  extends AppEvents,
    AccountEvents,
    CallEvents,
    MediaEvents,
    MetaNumberEvents,
    HistoryEvents,
    ContactEvents,
    NotificationEvents,
    AvailabilityEvents,
    ClickToCallEvents,
    DeploymentEvents,
    TeamEvents {}

export type EventName = keyof EventPayloads;

/**
 * The names, checked against the payload types: a payload without a name
 * here, or a name without a payload, fails the type check (and
 * test/unit/contract-events.test.ts).
 */
const everyEvent = {
  'app.changed': true,
  'accounts.changed': true,
  'connections.changed': true,
  'calls.changed': true,
  'media.prepare': true,
  'media.remote': true,
  'media.start': true,
  'media.control': true,
  'media.format': true,
  'media.stop': true,
  'permissions.changed': true,
  'log.changed': true,
  'history.exportProgress': true,
  'history.reconciled': true,
  'contacts.changed': true,
  'notify.fallback': true,
  'updates.changed': true,
  'availability.changed': true,
  'dialer.prefill': true,
  'team.changed': true,
  'team.feed': true,
} as const satisfies Record<EventName, true>;

export const eventNames = Object.keys(everyEvent) as EventName[];
