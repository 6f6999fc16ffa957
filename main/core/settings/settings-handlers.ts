import type { AppInfo, Settings } from '../../../preload/contract';
import type { Handlers } from '../commands/dispatcher';
import type { AppLanguage } from '../i18n/app-language';
import type { LineManager } from '../lines/line-manager';
import type { EventSink } from '../ports';
import { checkShortcuts, defaultShortcuts } from './shortcut-rules';
import type { SettingsStore } from './settings-store';

export interface SettingsHandlerDeps {
  settings: SettingsStore;
  language: AppLanguage;
  lines: LineManager;
  emit: EventSink;
  info: () => AppInfo;
}

type SettingsPatch = Partial<Omit<Settings, 'shortcuts'>> & { shortcuts?: Settings['shortcuts'] | null };

/** What the app is and the agent's settings; a change takes effect at once (language, poll period). */
export const settingsHandlers = (deps: SettingsHandlerDeps): Handlers<'app.info' | 'settings.update'> => {
  const update = async (patch: SettingsPatch): Promise<Settings> => {
    if (patch.shortcuts !== undefined || patch.globalShortcuts !== undefined) {
      // The whole keyboard as it would be after the change is checked, so a remap can never leave two actions on one key.
      const current = deps.settings.settings;
      checkShortcuts(patch.shortcuts === undefined ? current.shortcuts : (patch.shortcuts ?? defaultShortcuts), patch.globalShortcuts ?? current.globalShortcuts);
    }
    const settings = deps.settings.updateSettings(patch);
    if (patch.locale !== undefined) {
      await deps.language.load();
      // The lines the app names itself (demo, audio test) are renamed in the new language.
      const translate = deps.language.translate();
      const renamed = deps.lines.rename(({ account }) => (account.labelKey ? translate(account.labelKey) : undefined));
      if (renamed) deps.emit('accounts.changed', deps.lines.views());
    }
    if (patch.pollIntervalMs !== undefined) deps.lines.pollAll();
    deps.emit('app.changed', deps.info());
    return settings;
  };
  return {
    'app.info': () => deps.info(),
    'settings.update': (request) => update(request as SettingsPatch),
  };
};
