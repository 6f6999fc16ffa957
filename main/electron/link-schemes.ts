/** The links the app opens in its dialer (electron-builder.yml's `protocols` declares the same schemes). */
export const linkSchemes = ['tel', 'whatsapp'] as const;

/**
 * Which schemes the app registers for its user at start. macOS and Linux
 * packages declare them (Info.plist, the .desktop file's MimeType), but
 * Windows installers do not write the URL handlers for a per-user NSIS or an
 * MSI install, so the packaged Windows app writes them itself (under the
 * user's own registry hive). A development build registers nothing: links
 * would open the bare Electron binary.
 */
export const schemesToRegister = (platform: NodeJS.Platform, packaged: boolean): string[] =>
  platform === 'win32' && packaged ? [...linkSchemes] : [];

/** The Electron glue: registers what `schemesToRegister` decides; a refusal is logged by the caller, never fatal. */
export const registerLinkSchemes = (
  app: { isPackaged: boolean; setAsDefaultProtocolClient(scheme: string): boolean },
  platform: NodeJS.Platform = process.platform,
): { scheme: string; registered: boolean }[] =>
  schemesToRegister(platform, app.isPackaged).map((scheme) => ({ scheme, registered: app.setAsDefaultProtocolClient(scheme) }));
