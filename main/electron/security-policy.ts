/**
 * The Electron host's security decisions as pure functions, tested in Node;
 * `install-security.ts` wires them into Electron in a few lines.
 */

/** The renderer's origin: a privileged custom scheme, never file://. */
export const appScheme = 'app';
export const appHost = 'renderer';
export const appOrigin = `${appScheme}://${appHost}`;

const originOf = (url: string): string | null => {
  try {
    const parsed = new URL(url);
    // Custom schemes have an opaque origin in WHATWG URL; build it from scheme and host.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
};

export const isAppUrl = (url: string, origin = appOrigin): boolean => originOf(url) === origin;

/** Writing text to the clipboard (Recent's "copy number"); reading it stays refused. */
const clipboardWrite = 'clipboard-sanitized-write';

/**
 * Allows only the microphone (and the device list it needs) and writing to
 * the clipboard, only for the app's own origin. Camera, screen capture,
 * notifications-by-web-API, geolocation, MIDI, reading the clipboard ...
 * are all refused.
 */
export const createPermissionHandler =
  (origin = appOrigin) =>
  (permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean => {
    if (!isAppUrl(requestingUrl, origin)) return false;
    if (permission === 'media') return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
    return permission === 'speaker-selection' || permission === clipboardWrite;
  };

/**
 * Same rule for permission checks (no media types are given there), plus
 * WebHID (`hid`): the window may ask for a headset; which devices it gets is
 * decided device by device (hid-device-policy.ts: Telephony page only).
 */
export const createPermissionCheck =
  (origin = appOrigin) =>
  (permission: string, requestingOrigin: string, mediaType?: string): boolean => {
    if (!isAppUrl(requestingOrigin, origin)) return false;
    if (permission === 'media') return mediaType === undefined || mediaType === 'audio';
    return permission === 'speaker-selection' || permission === 'hid' || permission === clipboardWrite;
  };

/** In-app navigation stays on the app; everything else is refused. */
export const createNavigationGuard =
  (origin = appOrigin) =>
  (url: string): 'allow' | 'deny' =>
    isAppUrl(url, origin) ? 'allow' : 'deny';

/** IPC is answered only for frames showing the app itself. */
export const isTrustedSender = (frameUrl: string | undefined, origin = appOrigin): boolean =>
  frameUrl !== undefined && isAppUrl(frameUrl, origin);

/** Hosts of the pages the app itself links to: Pilot Status and its help pages. */
export const externalLinkHosts = ['pilotstatus.com.br', 'www.pilotstatus.com.br'] as const;

/**
 * Links the window asks to open (a `target=_blank` link, `window.open`) go to
 * the agent's system browser only when they are the addresses the app itself
 * shows: https, one of {@link externalLinkHosts}, the default port, no user
 * name or password. Anything else a page could be made to ask for (another
 * site, a file, a custom scheme handled by some other program) is refused.
 */
export const createExternalLinkPolicy =
  (hosts: readonly string[] = externalLinkHosts) =>
  (url: string): 'open-in-browser' | 'deny' => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'deny';
    }
    const plain = parsed.protocol === 'https:' && parsed.port === '' && !parsed.username && !parsed.password;
    return plain && hosts.includes(parsed.hostname) ? 'open-in-browser' : 'deny';
  };
