import { z } from 'zod';

/**
 * One command, written once: the request schema the main side checks at run
 * time (the renderer is not trusted) and, as a type, what it answers.
 * `command(schema).returns<CallView>()`.
 */
export interface CommandDefinition<Schema extends z.ZodType, Value> {
  readonly request: Schema;
  /** Type-only: never read at run time. */
  readonly result: Value;
}

export const command = <Schema extends z.ZodType>(request: Schema) => ({
  returns: <Value>(): CommandDefinition<Schema, Value> => ({ request, result: undefined as Value }),
});

/** Commands that only acknowledge. */
export type Ack = { ok: true };

// Request atoms several domains share.
export const id = z.string().min(1).max(200);
export const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
