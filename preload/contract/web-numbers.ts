import { z } from 'zod';
import { command, id, type Ack } from './define';
import type { CallView } from './calls';

/** A prompt recording Pilot Status fetches itself (`/play`), so it must be a public http(s) URL. */
export interface Prompt {
  id: string;
  label: string;
  url: string;
}

/** The path of a URL, or a harmless stand-in when it is not one (the format check reports that). */
const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return '.mp3';
  }
};

export const promptSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    label: z.string().trim().min(1, 'PROMPT_LABEL_REQUIRED').max(60, 'PROMPT_LABEL_TOO_LONG'),
    url: z
      .string()
      .trim()
      .max(1000)
      .url('PROMPT_URL_FORMAT')
      .refine((u) => /^https?:\/\//i.test(u), 'PROMPT_URL_FORMAT')
      .refine((u) => /\.(mp3|wav|opus)$/i.test(pathOf(u)), 'PROMPT_URL_TYPE'),
  })
  .strict();

/** Web-number commands: a supervisor listening in on a call another agent took, and the company's prompts. */
export const webNumberCommands = {
  'calls.listen': command(z.object({ callId: id }).strict()).returns<CallView>(),
  'calls.stopListening': command(z.object({ callId: id }).strict()).returns<CallView>(),
  'calls.playPrompt': command(z.object({ callId: id, promptId: z.string().min(1).max(40) }).strict()).returns<Ack>(),
};
