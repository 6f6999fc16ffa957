import { createBridge } from './bridge';
import { HeadsetState } from './headset/headset-state.svelte';
import { i18n } from './i18n.svelte';
import { runShortcut } from './keyboard/shortcut-commands';
import { KeyboardState } from './keyboard/keyboard-state.svelte';
import type { MediaContext } from './media/context';
import { DeviceState } from './media/devices.svelte';
import { MediaController } from './media/media-controller.svelte';
import { Announcer } from './state/announcer.svelte';
import { AppState } from './state/app-state.svelte';
import { AvailabilityState } from './state/availability-state.svelte';
import { CallNotesState } from './state/call-notes-state.svelte';
import { CallingSettingsState } from './state/calling-settings-state.svelte';
import { CallsState } from './state/calls-state.svelte';
import { ContactsState } from './state/contacts-state.svelte';
import { DemoState } from './state/demo-state.svelte';
import { DialerState } from './state/dialer-state.svelte';
import { HistoryState } from './state/history-state.svelte';
import { LayoutState } from './state/layout-state.svelte';
import { LinesState } from './state/lines-state.svelte';
import { OrganizationState } from './state/organization-state.svelte';
import { followNotificationFallback } from './state/notification-fallback';
import { PreferencesState } from './state/preferences-state.svelte';
import { RecentState } from './state/recent-state.svelte';
import { SettingsState } from './state/settings-state.svelte';
import { TeamLinesState } from './state/team-lines-state.svelte';

export interface AppContext {
  app: AppState;
  settings: SettingsState;
  preferences: PreferencesState;
  availability: AvailabilityState;
  lines: LinesState;
  calls: CallsState;
  dialer: DialerState;
  recent: RecentState;
  history: HistoryState;
  demo: DemoState;
  layout: LayoutState;
  keyboard: KeyboardState;
  announcer: Announcer;
  media: MediaContext;
  /** The USB headset: one more input for the calls (its buttons), and their lights. */
  headset: HeadsetState;
  /** The local contacts list (the Contacts section); the core names calls from it. */
  contacts: ContactsState;
  /** Notes and disposition of the calls on screen, saved as typed. */
  callNotes: CallNotesState;
  /** Meta calling settings of the Meta lines. */
  calling: CallingSettingsState;
  /** Team lines (team servers): their state, and the supervisor view. */
  teams: TeamLinesState;
  /** Admin policy, updates and diagnostics: how the organization runs the app. */
  organization: OrganizationState;
}

/**
 * The window's composition root: the bridge to the main side and the state
 * classes over it. Only these hold the bridge; components get the states
 * and call their methods.
 */
export const createAppContext = (): AppContext => {
  const bridge = createBridge();
  const { api } = bridge;
  const app = new AppState(api);
  const devices = new DeviceState();
  // Every call's media in this window (WebRTC or PCM), driven by the core's media events.
  const controller = new MediaController(api, devices, (callId) => bridge.openMediaChannel(callId));
  const organization = new OrganizationState(api);
  const calls = new CallsState(api, { answerClicked: (callId) => controller.answerClicked(callId) });
  const layout = new LayoutState();
  const announcer = new Announcer();
  const keyboard = new KeyboardState(
    () => app.info?.settings.shortcuts ?? null,
    (action) => void runShortcut(action, { calls, layout, explain: (key) => announcer.say(i18n.t(key)) }),
  );
  const settings = new SettingsState(api, app, organization);
  const context: AppContext = {
    app,
    settings,
    preferences: new PreferencesState(api, app),
    availability: new AvailabilityState(api),
    lines: new LinesState(api, organization),
    calls,
    dialer: new DialerState(api),
    recent: new RecentState(api),
    history: new HistoryState(api),
    demo: new DemoState(api),
    layout,
    keyboard,
    announcer,
    media: { controller, devices },
    headset: new HeadsetState(calls, settings),
    contacts: new ContactsState(api),
    callNotes: new CallNotesState(api),
    calling: new CallingSettingsState(api),
    organization,
    teams: new TeamLinesState(api),
  };
  followNotificationFallback(api);
  const { lines, history, availability, recent, dialer, teams } = context;
  // The call history and its charts are read the first time History opens, not before.
  layout.onFirstOpen((tab) => {
    if (tab === 'history') void history.load();
  });
  app.attach(bridge, () => {
    void Promise.all([lines.load(), calls.load().then(() => controller.reconcile(calls.calls)), availability.load(), recent.load(), dialer.takePending(), organization.load(), teams.load()]);
    if (layout.opened.history) void history.load();
  });
  return context;
};
