import type { CustomerAudio } from './audio-source';

export type PermissionStatus = 'no_permission' | 'temporary' | 'permanent';

/** How a simulated WhatsApp user behaves towards one business number. */
export interface CustomerProfile {
  /** Digits without `+`. */
  phone: string;
  permission: { status: PermissionStatus; expiresAt: number | null };
  /** Epoch ms of each permission request received, and of each call placed to this user. */
  permissionRequests: number[];
  callsStarted: number[];
  /** Inside the 24 h customer-service window: permission requests may be sent. */
  serviceWindowOpen: boolean;
  /** What the user does when the business calls. */
  pickup: 'answer' | 'reject' | 'ignore';
  pickupDelayMs: number;
  audio: CustomerAudio;
  /** The user's network: `blocked` never lets media through (ICE never completes). */
  network: 'ok' | 'blocked';
  /** Answers permission requests by itself (demo); null: a test answers them. */
  autoPermission: { status: PermissionStatus; afterMs: number } | null;
}

export type CustomerPatch = Partial<Omit<CustomerProfile, 'phone' | 'permissionRequests' | 'callsStarted'>>;

const day = 24 * 3600 * 1000;
/** Meta: a temporary permission lasts 7 days. [assumed] */
export const temporaryPermissionMs = 7 * day;

/** Action limits as `GET /v1/calls/permissions` reports them. [assumed values] */
export const limits = {
  send_call_permission_request: [
    { time_period: 'PT24H', ms: day, max_allowed: 1 },
    { time_period: 'P7D', ms: 7 * day, max_allowed: 2 },
  ],
  start_call: [{ time_period: 'PT24H', ms: day, max_allowed: 100 }],
} as const;

export const digitsOf = (phone: string): string => phone.replace(/\D/g, '');

/** The simulated WhatsApp users, keyed by number, with their permissions and habits. */
export class CustomerDirectory {
  private readonly profiles = new Map<string, CustomerProfile>();

  constructor(private readonly defaults: () => CustomerPatch = () => ({})) {}

  get(phone: string): CustomerProfile {
    const key = digitsOf(phone);
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = {
        phone: key,
        permission: { status: 'no_permission', expiresAt: null },
        permissionRequests: [],
        callsStarted: [],
        serviceWindowOpen: true,
        pickup: 'answer',
        pickupDelayMs: 1500,
        audio: { kind: 'tone', hz: 440 },
        network: 'ok',
        autoPermission: null,
        ...this.defaults(),
      };
      this.profiles.set(key, profile);
    }
    return profile;
  }

  update(phone: string, patch: CustomerPatch): CustomerProfile {
    return Object.assign(this.get(phone), patch);
  }

  /** The permission as it stands now: an expired temporary one is no permission. */
  currentPermission(profile: CustomerProfile, now: number): CustomerProfile['permission'] {
    const { permission } = profile;
    if (permission.status === 'temporary' && permission.expiresAt !== null && permission.expiresAt <= now) {
      profile.permission = { status: 'no_permission', expiresAt: null };
    }
    return profile.permission;
  }

  /** The user answered a permission request. */
  grant(phone: string, status: PermissionStatus, now: number): CustomerProfile {
    const profile = this.get(phone);
    profile.permission = { status, expiresAt: status === 'temporary' ? now + temporaryPermissionMs : null };
    return profile;
  }
}

/** Usage of one action within each of its limit periods. */
export const usage = (times: readonly number[], action: keyof typeof limits, now: number) =>
  limits[action].map((limit) => ({
    time_period: limit.time_period,
    max_allowed: limit.max_allowed,
    current_usage: times.filter((t) => t > now - limit.ms).length,
  }));

/** The body of `GET /v1/calls/permissions` for one user (contract §3). */
export const permissionBody = (directory: CustomerDirectory, profile: CustomerProfile, now: number) => {
  const permission = directory.currentPermission(profile, now);
  const requestLimits = usage(profile.permissionRequests, 'send_call_permission_request', now);
  const callLimits = usage(profile.callsStarted, 'start_call', now);
  const withinLimits = (list: { max_allowed: number; current_usage: number }[]) => list.every((l) => l.current_usage < l.max_allowed);
  return {
    permission: permission.status === 'temporary' ? { status: permission.status, expiration_time: Math.floor(permission.expiresAt! / 1000) } : { status: permission.status },
    actions: [
      { action_name: 'send_call_permission_request', can_perform_action: profile.serviceWindowOpen && withinLimits(requestLimits), limits: requestLimits },
      { action_name: 'start_call', can_perform_action: permission.status !== 'no_permission' && withinLimits(callLimits), limits: callLimits },
    ],
  };
};
