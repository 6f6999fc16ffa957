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
import { CallsState } from './state/calls-state.svelte';
import { noContacts, type ContactsLookup } from './state/contacts-lookup';
import { DemoState } from './state/demo-state.svelte';
import { DialerState } from './state/dialer-state.svelte';
import { HistoryState } from './state/history-state.svelte';
import { LayoutState } from './state/layout-state.svelte';
import { LinesState } from './state/lines-state.svelte';
import { followNotificationFallback } from './state/notification-fallback';
import { PreferencesState } from './state/preferences-state.svelte';
import { RecentState } from './state/recent-state.svelte';
import { SettingsState } from './state/settings-state.svelte';

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
  callNotes: CallNotesState;
  demo: DemoState;
  layout: LayoutState;
  keyboard: KeyboardState;
  announcer: Announcer;
  /** Names for numbers: the contacts list plugs in here (none yet). */
  contacts: ContactsLookup;
  media: MediaContext;
  /** The USB headset: one more input for the calls (its buttons), and their lights. */
  headset: HeadsetState;
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
  const calls = new CallsState(api, { answerClicked: (callId) => controller.answerClicked(callId) });
  const layout = new LayoutState();
  const announcer = new Announcer();
  const keyboard = new KeyboardState(
    () => app.info?.settings.shortcuts ?? null,
    (action) => void runShortcut(action, { calls, layout, explain: (key) => announcer.say(i18n.t(key)) }),
  );
  const settings = new SettingsState(api, app);
  const context: AppContext = {
    app,
    settings,
    preferences: new PreferencesState(api, app),
    availability: new AvailabilityState(api),
    lines: new LinesState(api),
    calls,
    dialer: new DialerState(api),
    recent: new RecentState(api),
    history: new HistoryState(api),
    callNotes: new CallNotesState(api),
    demo: new DemoState(api),
    layout,
    keyboard,
    announcer,
    contacts: noContacts,
    media: { controller, devices },
    headset: new HeadsetState(calls, settings),
  };
  followNotificationFallback(api);
  const { lines, history, availability, recent, dialer } = context;
  // The call history and its charts are read the first time History opens, not before.
  layout.onFirstOpen((tab) => {
    if (tab === 'history') void history.load();
  });
  app.attach(bridge, () => {
    void Promise.all([lines.load(), calls.load().then(() => controller.reconcile(calls.calls)), availability.load(), recent.load(), dialer.takePending()]);
    if (layout.opened.history) void history.load();
  });
  return context;
};
