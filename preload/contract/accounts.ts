import { z } from 'zod';
import { providers, type Provider } from './constants';
import { command, id } from './define';
import type { AppError } from './result';

/** What a line's number type can do, so the window offers only what works (the core's provider profile decides). */
export interface LineFeatures {
  /** Check and request a customer's permission before dialing (Meta numbers). */
  permissions: boolean;
  /** Play the company's prompts into a call (web numbers). */
  prompts: boolean;
  /** Listen in on a call another agent took (web numbers). */
  listenIn: boolean;
  /** Meta calling settings (enable calling, call hours). */
  callingSettings: boolean;
}

/** What the agent sees of a line (a WhatsApp number). The key never leaves the main side. */
export interface AccountView {
  id: string;
  label: string;
  provider: Provider;
  baseUrl: string;
  hasKey: boolean;
  /** A line of the built-in simulator, present only in demo mode. */
  demo: boolean;
  features: LineFeatures;
  /** A number of a team line: its calls come from the team server, and it is edited or removed with that team line. */
  teamLineId?: string;
}

export type ConnectionState = 'connecting' | 'ok' | 'unreachable' | 'unauthorized' | 'keychain-error';

export interface ConnectionView {
  accountId: string;
  state: ConnectionState;
  error?: AppError;
  /** ISO time the state began. */
  since: string;
  /** ISO time of the next attempt while backing off. */
  nextAttemptAt?: string;
}

const label = z.string().trim().min(1, 'LABEL_REQUIRED').max(60, 'LABEL_TOO_LONG');
/** Pilot Status keys look like `ps_<secret>`; anything else is a typo worth catching before the keychain. */
const apiKey = z.string().trim().regex(/^ps_[A-Za-z0-9_-]{8,200}$/, 'API_KEY_FORMAT');
const baseUrl = z
  .string()
  .trim()
  .url('BASE_URL_FORMAT')
  .refine((u) => /^https?:\/\//i.test(u), 'BASE_URL_FORMAT')
  .max(500);

export const accountCommands = {
  'accounts.list': command(z.object({}).strict()).returns<AccountView[]>(),
  'accounts.add': command(z.object({ label, provider: z.enum(providers), apiKey, baseUrl: baseUrl.optional() }).strict()).returns<AccountView>(),
  'accounts.update': command(z.object({ id, label: label.optional(), apiKey: apiKey.optional(), baseUrl: baseUrl.optional() }).strict()).returns<AccountView>(),
  'accounts.remove': command(z.object({ id }).strict()).returns<{ removed: boolean }>(),
  'connections.list': command(z.object({}).strict()).returns<ConnectionView[]>(),
};

export interface AccountEvents {
  'accounts.changed': AccountView[];
  'connections.changed': ConnectionView;
}
