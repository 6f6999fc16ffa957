import { z } from 'zod';
import { command, id, type Ack } from './define';

/** What the window reports for latency figures in the log (the field) and the benchmarks. */
export const diagnosticsCommands = {
  /** The ringing call was drawn (`ringing`), or its Answer button can take a key press (`answerable`): event-to-view latency. */
  'diagnostics.viewShown': command(z.object({ callId: id, view: z.enum(['ringing', 'answerable']), shownAt: z.number().positive() }).strict()).returns<Ack>(),
  /** The first audio was heard after the agent clicked Answer. */
  'diagnostics.firstAudio': command(z.object({ callId: id, clickedAt: z.number().positive(), heardAt: z.number().positive() }).strict()).returns<Ack>(),
};

export interface NotificationEvents {
  /** The main side could not raise a native notification; the renderer shows a web one. */
  'notify.fallback': { callId: string; title: string; body: string };
}
