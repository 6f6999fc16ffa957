import type { ShortcutAction, ShortcutMap } from '../../../../preload/contract';
import { actionFor, comboOf, isHelpKey, isTyping } from './key-combo';

/**
 * The window's keyboard: turns key presses into the agent's shortcuts (the
 * map from the settings) and opens the help with `?` or F1. While the
 * settings record a new shortcut, presses are not commands.
 */
export class KeyboardState {
  helpOpen = $state(false);
  recording = false;

  constructor(
    private readonly shortcuts: () => ShortcutMap | null,
    private readonly run: (action: ShortcutAction) => void,
  ) {}

  /** Listens on the window; returns how to stop. */
  install(target: Window = window): () => void {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || this.recording || event.isComposing) return;
      if (isHelpKey(event, isTyping(document.activeElement))) {
        event.preventDefault();
        this.helpOpen = true;
        return;
      }
      const combo = comboOf(event);
      const action = combo ? actionFor<ShortcutAction>(this.shortcuts(), combo) : null;
      if (!action) return;
      event.preventDefault();
      if (!event.repeat) this.run(action);
    };
    target.addEventListener('keydown', onKey);
    return () => target.removeEventListener('keydown', onKey);
  }
}
