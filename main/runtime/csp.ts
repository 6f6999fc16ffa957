/**
 * The renderer's Content-Security-Policy, the same for both hosts: only the
 * app's own scripts and styles, no inline script, no eval, no plugins, no
 * framing; `connect-src` names exactly what the host's transport needs.
 */
export const contentSecurityPolicy = (connectSources: readonly string[] = []): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
