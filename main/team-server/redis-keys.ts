/**
 * Every Redis key of a team. The `{team}` hash tag keeps a team's keys in one
 * cluster slot, so the intake script may touch several of them atomically.
 */
export const teamKeys = (team: string) => {
  const prefix = `pt:{${team}}`;
  return {
    /** The team's event stream (calls, presence, revocations), trimmed by age. */
    stream: `${prefix}:events`,
    /** Consumer group of the history writers on the stream. */
    historyGroup: 'history',
    /** A call's last known state: status, kind, merged snapshot, whether it rang. */
    call: (callId: string) => `${prefix}:call:${callId}`,
    /** Ids of a number's calls that ring or are live, followed until they end. */
    live: (number: string) => `${prefix}:live:${number}`,
    /** Which instance polls a number. */
    lease: (number: string) => `${prefix}:lease:${number}`,
    /** Who took a call (first accept wins): `{agentId, name, action}`. */
    claim: (callId: string) => `${prefix}:claim:${callId}`,
    /** The SDP Pilot Status holds from a pre-accept of a Meta call. */
    preAccept: (callId: string) => `${prefix}:preaccept:${callId}`,
    /** One instance at a time fetches a Meta call's offer for everyone. */
    offerLock: (callId: string) => `${prefix}:offerlock:${callId}`,
    /** Agent id → presence JSON. */
    presence: `${prefix}:presence`,
    /** An instance's heartbeat. */
    instance: (id: string) => `${prefix}:instance:${id}`,
  };
};

export type TeamKeys = ReturnType<typeof teamKeys>;
