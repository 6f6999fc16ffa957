/** The policy's keys and their types, without the schema checker (which loads only when a policy exists). */
import type { Locale, NumberType } from '../../../../preload/contract';

/** The kinds of number as IT names them (`meta`: Cloud API, `web`: connected by QR code). */
export type PolicyNumberType = NumberType;

/** Settings IT can lock without choosing their value. */
export const lockableSettings = ['language', 'pollInterval', 'preAccept', 'agentName', 'sampleRate', 'prompts', 'lines'] as const;
export type LockableSetting = (typeof lockableSettings)[number];

/** One level (Defaults or Enforced) of a policy, as IT writes it (see resources/policy/policy.schema.json). */
export interface PolicyValues {
  BaseUrlAllowlist?: string[];
  AllowedNumberTypes?: PolicyNumberType[];
  Lines?: { Name: string; Type: PolicyNumberType; Address?: string }[];
  TeamServerUrl?: string;
  UpdatesEnabled?: boolean;
  UpdateChannel?: 'stable' | 'beta';
  UpdateUrl?: string;
  PollIntervalMs?: number;
  PollIntervalMinMs?: number;
  PollIntervalMaxMs?: number;
  PreAccept?: boolean;
  Language?: Locale;
  DiagnosticsUpload?: boolean;
  LockedSettings?: LockableSetting[];
}

export type PolicyKey = keyof PolicyValues;

/** A whole policy document from one place (a file, a registry key, a managed preference). */
export interface PolicyDocument {
  Enforced?: PolicyValues;
  Defaults?: PolicyValues;
}

/** How each key is stored where a store has no JSON types (the Windows registry, ADMX). */
export const policyKeyKinds: Record<PolicyKey, 'boolean' | 'integer' | 'string' | 'list' | 'json'> = {
  BaseUrlAllowlist: 'list',
  AllowedNumberTypes: 'list',
  Lines: 'json',
  TeamServerUrl: 'string',
  UpdatesEnabled: 'boolean',
  UpdateChannel: 'string',
  UpdateUrl: 'string',
  PollIntervalMs: 'integer',
  PollIntervalMinMs: 'integer',
  PollIntervalMaxMs: 'integer',
  PreAccept: 'boolean',
  Language: 'string',
  DiagnosticsUpload: 'boolean',
  LockedSettings: 'list',
};

export const policyKeys = Object.keys(policyKeyKinds) as PolicyKey[];
