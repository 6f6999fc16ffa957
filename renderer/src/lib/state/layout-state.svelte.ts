import { nextTab, tabs, tabsFor, widePaneMinWidth, type SideTab, type Tab } from '../layout/tabs';

/**
 * Which sections the window shows: one at a time in a compact window, the
 * phone plus one beside it in a wide one. Sections stay mounted once opened
 * (hidden, not destroyed), so a form half filled in is still there after a
 * call took over the screen.
 */
export class LayoutState {
  wide = $state(false);
  /** The section shown in a compact window. */
  compactTab = $state<Tab>('phone');
  /** The section beside the phone in a wide window. */
  sideTab = $state<SideTab>('recent');
  opened = $state<Record<Tab, boolean>>({ phone: true, recent: true, contacts: false, history: false, lines: false, settings: false });
  /** Per call, whether its keypad is open. */
  keypadOpen = $state<Record<string, boolean>>({});
  /** The section the agent was in when a call took the screen, to go back to if they do not take it. */
  private beforeRinging: Tab | null = null;
  private readonly openedListeners: ((tab: Tab) => void)[] = [];

  constructor() {
    const query = matchMedia(`(min-width: ${widePaneMinWidth}px)`);
    this.wide = query.matches;
    query.addEventListener('change', (event) => (this.wide = event.matches));
  }

  get bar(): readonly Tab[] {
    return tabsFor(this.wide);
  }

  /** The section selected in the bar. */
  get selected(): Tab {
    return this.wide ? this.sideTab : this.compactTab;
  }

  shows(tab: Tab): boolean {
    return this.wide ? tab === 'phone' || tab === this.sideTab : tab === this.compactTab;
  }

  select(tab: Tab): void {
    this.beforeRinging = null;
    if (tab !== 'phone') this.sideTab = tab;
    this.compactTab = tab;
    if (!this.opened[tab]) {
      this.opened[tab] = true;
      for (const listener of this.openedListeners) listener(tab);
    }
  }

  /** Runs once per section, the first time it is opened (History loads its data then). */
  onFirstOpen(listener: (tab: Tab) => void): void {
    this.openedListeners.push(listener);
  }

  next(): Tab {
    const tab = nextTab(this.bar, this.selected);
    this.select(tab);
    return tab;
  }

  /** A call rings: the phone comes to the front (it is always shown in a wide window). */
  showPhoneForCall(): void {
    if (this.wide || this.compactTab === 'phone') return;
    this.beforeRinging = this.compactTab;
    this.compactTab = 'phone';
  }

  /** The ringing call went away without being taken: back to where the agent was. */
  ringingOver(answered: boolean): void {
    const back = this.beforeRinging;
    this.beforeRinging = null;
    if (!answered && back && this.compactTab === 'phone') this.compactTab = back;
  }

  toggleKeypad(callId: string, open = !this.keypadOpen[callId]): void {
    this.keypadOpen[callId] = open;
  }
}

export { tabs };
