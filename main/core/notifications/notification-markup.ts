/**
 * Text for a notification body that the desktop reads as markup. The
 * freedesktop specification lets a notification daemon interpret the body as
 * a subset of XML (bold, links, images), and GNOME, KDE and dunst do; the
 * body carries the caller's number as Pilot Status reports it, which anyone
 * can shape. Escaping `&`, `<` and `>` makes the daemon show that text as
 * text: no links, images or formatting from outside.
 */
export const escapeNotificationMarkup = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
