import { z } from 'zod';
import { providers, type Provider } from './constants';
import { command, id } from './define';
import type { AppError } from './result';
import { apiKeyProblem } from './api-key-format';
import { normalizePilotAddress, pilotAddressProblem } from './pilot-address';

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

/**
 * `unreachable`: nothing answered; `service-error`: Pilot Status answered with its own trouble (5xx, unreadable);
 * `rate-limited`: it asked the app to slow down (until `nextAttemptAt`); `wrong-address`: nothing answers as Pilot
 * Status at the line's address (404, a redirect elsewhere, not https).
 */
export type ConnectionState = 'connecting' | 'ok' | 'unreachable' | 'service-error' | 'rate-limited' | 'wrong-address' | 'unauthorized' | 'keychain-error';

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
/** Pilot Status keys are `ps_<secret>`: any URL-safe secret; text that cannot be a key is refused saying why. */
const apiKey = z
  .string()
  .trim()
  .superRefine((key, ctx) => {
    const problem = apiKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
/** Where the line's key is sent: https (http only to this machine), stored without a trailing `/v1`. */
const baseUrl = z
  .string()
  .trim()
  .max(500, 'BASE_URL_FORMAT')
  .superRefine((address, ctx) => {
    const problem = pilotAddressProblem(address);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizePilotAddress);

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
