import { z } from 'zod';
import { locales, wireSampleRates, type Locale, type WireSampleRate } from './constants';
import { command } from './define';
import { preferencesPatch, type Preferences } from './preferences';
import { promptSchema, type Prompt } from './web-numbers';

/** The agent's settings on this computer; the workstation preferences (look, ringing, keyboard, answering) are in preferences.ts. */
export interface Settings extends Preferences {
  locale: Locale | null;
  /** Poll period per line while no call rings or is live. */
  pollIntervalMs: number;
  /** Who answers on this computer; stamped on each call in the call log. */
  agentName: string | null;
  /** META: send the answer SDP with pre-accept as soon as a call rings, so the first words are not clipped. */
  preAccept: boolean;
  /** Web numbers: sample rate of the realtime PCM16 socket (both directions). */
  sampleRate: WireSampleRate;
  /** Web numbers: the company's prompt recordings the agent can play into a call. */
  prompts: Prompt[];
  /** The USB headset whose buttons and lights follow the calls (WebHID has no serial number: model and name). */
  headset: HeadsetChoice | null;
  /** The team's dispositions, in the order agents pick from. */
  dispositions: string[];
  /** Whether an agent may type a disposition the list lacks (always possible while the list is empty). */
  dispositionFreeText: boolean;
}

/** Which paired headset the agent chose, as WebHID names it. */
export interface HeadsetChoice {
  vendorId: number;
  productId: number;
  productName: string;
}

/** Shared by the settings file and the `settings.update` request. */
export const headsetChoiceSchema = z
  .object({
    vendorId: z.number().int().min(0).max(0xffff),
    productId: z.number().int().min(0).max(0xffff),
    productName: z.string().max(128),
  })
  .strict();

/** Most dispositions a team's list holds, and the longest one. */
export const dispositionLimits = { count: 50, length: 60 } as const;

const dispositionList = z
  .array(z.string().trim().min(1, 'DISPOSITION_EMPTY').max(dispositionLimits.length, 'DISPOSITION_TOO_LONG'))
  .max(dispositionLimits.count, 'DISPOSITIONS_TOO_MANY')
  .refine((list) => new Set(list.map((d) => d.toLocaleLowerCase())).size === list.length, 'DISPOSITION_DUPLICATE');

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  mode: 'demo' | 'live';
  /** Locale the main side resolved (setting, else the OS). */
  locale: Locale;
  settings: Settings;
  /** Desktop app: system-wide shortcuts another program already holds (not registered). */
  globalShortcutsRefused?: string[];
}

export const appCommands = {
  'app.info': command(z.object({}).strict()).returns<AppInfo>(),
  'settings.update': command(
    z
      .object({
        locale: z.enum(locales).nullable().optional(),
        pollIntervalMs: z.number().int().min(250).max(60_000).optional(),
        agentName: z.string().trim().max(80, 'AGENT_NAME_TOO_LONG').nullable().optional(),
        preAccept: z.boolean().optional(),
        sampleRate: z.literal(wireSampleRates).optional(),
        prompts: z
          .array(promptSchema)
          .max(30, 'PROMPTS_TOO_MANY')
          .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'PROMPT_ID_DUPLICATE')
          .optional(),
        headset: headsetChoiceSchema.nullable().optional(),
        ...preferencesPatch,
        dispositions: dispositionList.optional(),
        dispositionFreeText: z.boolean().optional(),
      })
      .strict(),
  ).returns<Settings>(),
};

export interface AppEvents {
  'app.changed': AppInfo;
}
