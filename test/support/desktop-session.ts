/**
 * Tests that need the desktop session of `test/support/with-desktop-session.sh`
 * (Secret Service, notification daemon). Under `npm test` a missing session is
 * a failure; run directly without one, such tests skip and say why.
 */
export const desktopSessionMissing = (): string | null => {
  if (process.env.PILOT_DESKTOP_SESSION === 'ready' && process.env.DBUS_SESSION_BUS_ADDRESS) return null;
  const reason = 'no private desktop session (run through `npm test` or test/support/with-desktop-session.sh)';
  if (process.env.PILOT_REQUIRE_DESKTOP) throw new Error(`Required desktop session is missing: ${reason}`);
  console.warn(`skipping: ${reason}`);
  return reason;
};
