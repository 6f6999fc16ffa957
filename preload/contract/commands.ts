import type { z } from 'zod';
import { accountCommands } from './accounts';
import { appCommands } from './app';
import { availabilityCommands } from './availability';
import { callNotesCommands } from './call-notes';
import { callCommands } from './calls';
import { clickToCallCommands } from './click-to-call';
import { contactCommands } from './contacts';
import type { CommandDefinition } from './define';
import { demoCommands } from './demo';
import { deploymentCommands } from './deployment';
import { diagnosticsCommands } from './diagnostics';
import { historyCommands } from './history';
import { mediaCommands } from './media';
import { teamCommands } from './team';
import { metaNumberCommands } from './meta-numbers';
import { recentCommands } from './recent';
import { webNumberCommands } from './web-numbers';

/** Every domain's commands; a name two domains both define is refused below, at load. */
const domains = [
  appCommands,
  accountCommands,
  callCommands,
  mediaCommands,
  webNumberCommands,
  metaNumberCommands,
  historyCommands,
  callNotesCommands,
  contactCommands,
  demoCommands,
  diagnosticsCommands,
  availabilityCommands,
  recentCommands,
  clickToCallCommands,
  deploymentCommands,
  teamCommands,
] as const;

const definitions = {
  ...appCommands,
  ...accountCommands,
  ...callCommands,
  ...mediaCommands,
  ...webNumberCommands,
  ...metaNumberCommands,
  ...historyCommands,
  ...callNotesCommands,
  ...contactCommands,
  ...demoCommands,
  ...diagnosticsCommands,
  ...deploymentCommands,
  ...availabilityCommands,
  ...recentCommands,
  ...clickToCallCommands,
  ...teamCommands,
} satisfies Record<string, CommandDefinition<z.ZodType, unknown>>;

if (Object.keys(definitions).length !== domains.reduce((sum, domain) => sum + Object.keys(domain).length, 0)) {
  throw new Error('Two contract domains define the same command name');
}

type Definitions = typeof definitions;
export type CommandName = keyof Definitions;
/** What the renderer sends (defaults not yet applied). */
export type CommandRequest<N extends CommandName> = z.input<Definitions[N]['request']>;
/** What a handler receives: the request after its schema checked it and filled in defaults. */
export type ParsedRequest<N extends CommandName> = z.output<Definitions[N]['request']>;
export type CommandResults = { [N in CommandName]: Definitions[N]['result'] };

export const commandNames = Object.keys(definitions) as CommandName[];
export const commandRequests = Object.fromEntries(commandNames.map((name) => [name, definitions[name].request])) as {
  [N in CommandName]: Definitions[N]['request'];
};
