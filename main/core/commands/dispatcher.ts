import type { z } from 'zod';
import {
  commandRequests,
  type CommandName,
  type CommandResults,
  type ParsedRequest,
  type Result,
} from '../../../preload/contract';
import { toAppError } from '../errors';
import type { Logger } from '../logging/logger';

/** What answers one command: its checked request in, its result (or an `AppFailure`) out. */
export type Handler<N extends CommandName> = (request: ParsedRequest<N>) => Promise<CommandResults[N]> | CommandResults[N];
/** The handlers of a domain's commands; each domain exports its own, the composition root joins them. */
export type Handlers<N extends CommandName> = { [K in N]: Handler<K> };
export type CommandHandlers = Handlers<CommandName>;

const isCommandName = (name: string): name is CommandName => Object.hasOwn(commandRequests, name);

/**
 * The single entry point of the contract on the main side: looks the command
 * up, checks the request against its schema (the renderer is not trusted),
 * runs the handler and wraps the outcome as a `Result`. Never throws.
 */
export const createDispatcher =
  (handlers: CommandHandlers, logger: Logger) =>
  async (name: string, request: unknown): Promise<Result<unknown>> => {
    if (!isCommandName(name)) return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `No command named ${name}` } };
    const schema: z.ZodType = commandRequests[name];
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'INVALID_REQUEST',
          message: parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; '),
          details: { field: issue?.path.join('.') ?? null, reason: issue?.message ?? null },
        },
      };
    }
    try {
      const handler = handlers[name] as (request: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') logger.error({ err: error, command: name }, 'command failed');
      return { ok: false, error: appError };
    }
  };

export type Dispatch = ReturnType<typeof createDispatcher>;
