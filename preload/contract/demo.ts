import { z } from 'zod';
import { providers } from './constants';
import { command, id, type Ack } from './define';

/** The built-in simulator's customer, in demo mode only. */
export const demoCommands = {
  /** A simulated customer calls the demo line of that number type (a web number unless told). */
  'demo.incomingCall': command(z.object({ provider: z.enum(providers).default('EVO_GO') }).strict()).returns<{ callId: string }>(),
  'demo.customerHangup': command(z.object({ callId: id }).strict()).returns<Ack>(),
};
