import { describe, expect, it } from 'vitest';
import { teamPresenceOf } from '../../main/core/team/team-presence';

describe("the team's view of the agent's availability", () => {
  it('is the choice while nothing is under way, and Away during a call of any line and its wrap-up', () => {
    expect(teamPresenceOf({ chosen: 'available', status: 'available' })).toBe('available');
    expect(teamPresenceOf({ chosen: 'away', status: 'away' })).toBe('away');
    expect(teamPresenceOf({ chosen: 'dnd', status: 'dnd' })).toBe('dnd');
    expect(teamPresenceOf({ chosen: 'available', status: 'busy' })).toBe('away');
    expect(teamPresenceOf({ chosen: 'available', status: 'wrap-up' })).toBe('away');
    expect(teamPresenceOf({ chosen: 'dnd', status: 'busy' })).toBe('away');
  });
});
