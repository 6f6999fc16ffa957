/**
 * The window's sections and how they are laid out, as pure functions. A
 * compact window (a phone's width) shows one section at a time, Phone
 * included; a wide one keeps Phone in its own pane on the left and shows the
 * other sections beside it.
 */
export const tabs = ['phone', 'recent', 'contacts', 'history', 'lines', 'settings'] as const;
export type Tab = (typeof tabs)[number];
export type SideTab = Exclude<Tab, 'phone'>;

/** Two panes from this width on (CSS pixels): the phone pane's 400 plus a useful second pane. */
export const widePaneMinWidth = 900;

export const tabsFor = (wide: boolean): readonly Tab[] => (wide ? tabs.slice(1) : tabs);

/** The section after `current` in the bar, round to the first. */
export const nextTab = (bar: readonly Tab[], current: Tab): Tab => bar[(bar.indexOf(current) + 1) % bar.length] ?? bar[0]!;

/** Arrow keys in the tab bar: left and right move round, Home and End jump; anything else is not the bar's. */
export const tabForKey = (bar: readonly Tab[], current: Tab, key: string): Tab | null => {
  const index = Math.max(0, bar.indexOf(current));
  if (key === 'ArrowRight') return bar[(index + 1) % bar.length]!;
  if (key === 'ArrowLeft') return bar[(index - 1 + bar.length) % bar.length]!;
  if (key === 'Home') return bar[0]!;
  if (key === 'End') return bar.at(-1)!;
  return null;
};
