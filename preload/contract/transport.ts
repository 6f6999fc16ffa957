import type { CommandName, CommandRequest, CommandResults } from './commands';
import type { EventName, EventPayloads } from './events';
import type { Result } from './result';

type Namespace<N extends string> = N extends `${infer NS}.${string}` ? NS : never;

/** Named verbs grouped by namespace, as the renderer sees them: `api.calls.answer({ callId })`. */
export type PilotApi = {
  [NS in Namespace<CommandName>]: {
    [N in CommandName as N extends `${NS}.${infer Verb}` ? Verb : never]: (request: CommandRequest<N>) => Promise<Result<CommandResults[N]>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** IPC channel names used by the Electron host; the browser host uses the same names in its frames. */
export const ipcChannel = {
  command: (name: CommandName) => `cmd:${name}`,
  event: (name: EventName) => `evt:${name}`,
} as const;

/** Frames of the browser host's contract socket. */
export type ClientFrame = { id: number; command: string; request: unknown };
export type ServerFrame = { id: number; result: Result<unknown> } | { event: EventName; payload: unknown };
