import { z } from 'zod';
import { availabilityChoices, type AvailabilityChoice } from './constants';
import { command } from './define';

/** Why a call rang on the line but not for this agent. */
export type QuietReason = 'away' | 'dnd' | 'wrap-up';

/**
 * What the app goes by now: the agent's choice, unless a call is under way
 * (Busy) or its wrap-up time runs (Wrap-up).
 */
export type AgentStatus = AvailabilityChoice | 'busy' | 'wrap-up';

/** The time after a call in which new calls do not ring, for the disposition and notes. */
export interface WrapUpView {
  /** The id the window knows the call by (its notes are saved under it, `callNotes.*`). */
  callId: string;
  accountId: string;
  lineLabel: string;
  peerNumber: string;
  /** The customer's name from the contacts, when the number is one. */
  contactName: string | null;
  /** ISO time the wrap-up ends on its own. */
  endsAt: string;
}

/** A ringing call this app will answer on its own (a short beep plays just before). */
export interface AutoAnswerView {
  callId: string;
  /** ISO time of the answer. */
  at: string;
}

/**
 * The agent's availability as the main side decides it: the ringer and the
 * notifications obey it, so a hidden or closed window changes nothing.
 * Away and Do not disturb ring nobody and notify nothing; those calls are
 * marked `quiet` and show in Recent as having rung while away.
 */
export interface AvailabilityView {
  chosen: AvailabilityChoice;
  status: AgentStatus;
  wrapUp: WrapUpView | null;
  autoAnswer: AutoAnswerView[];
}

export const availabilityCommands = {
  'availability.get': command(z.object({}).strict()).returns<AvailabilityView>(),
  'availability.set': command(z.object({ status: z.enum(availabilityChoices) }).strict()).returns<AvailabilityView>(),
  /** Ends the wrap-up now: the agent is ready for the next call. */
  'availability.ready': command(z.object({}).strict()).returns<AvailabilityView>(),
};

export interface AvailabilityEvents {
  'availability.changed': AvailabilityView;
}
