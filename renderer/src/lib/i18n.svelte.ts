import i18next from 'i18next';
import type { Locale } from '../../../preload/contract';

const instance = i18next.createInstance();
void instance.init({
  lng: 'en',
  fallbackLng: 'en',
  resources: {},
  interpolation: { escapeValue: false },
  initAsync: false,
});

/**
 * Every language is its own chunk, English too: the window loads the agent's language only (every
 * language has every key, test/unit/locales.test.ts), and shows nothing until it is here rather than
 * flash another language first.
 */
const loaders: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('../../../resources/locales/en.json'),
  'pt-BR': () => import('../../../resources/locales/pt-BR.json'),
  es: () => import('../../../resources/locales/es.json'),
};

export const availableLocales: { code: Locale; name: string }[] = [
  { code: 'pt-BR', name: 'Português (Brasil)' },
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
];

/**
 * Every user-facing string goes through `i18n.t`. Reading `locale` inside
 * `t` makes each translated text in a template re-render when the language
 * changes.
 */
class I18n {
  locale = $state<Locale>('en');
  /** The first language is loaded: the window can show text. */
  ready = $state(false);

  t = (key: string, options?: Record<string, unknown>): string => {
    const lng = this.locale;
    return instance.t(key, { ...options, lng });
  };

  /** Number and time formatting in the agent's language; `time` is ISO-8601 or epoch ms. */
  time = (time: string | number, withDate = false): string => {
    const options: Intl.DateTimeFormatOptions = withDate
      ? { dateStyle: 'short', timeStyle: 'medium' }
      : { timeStyle: 'medium' };
    return new Intl.DateTimeFormat(this.locale, options).format(new Date(time));
  };

  /** Speaks `locale` as soon as its messages are here (at once for a language already loaded). */
  set(locale: Locale): void {
    this.wanted = locale;
    if (instance.hasResourceBundle(locale, 'translation')) {
      this.show(locale);
      return;
    }
    void loaders[locale]().then(({ default: messages }) => {
      instance.addResourceBundle(locale, 'translation', messages);
      // A later choice wins over a slower load.
      if (this.wanted === locale) this.show(locale);
    });
  }

  /** When the core cannot say which language (the host is not reachable): the browser's own, else English. */
  setFromBrowser(): void {
    const match = navigator.languages
      .map((tag) => availableLocales.find(({ code }) => code === tag || code.split('-')[0] === tag.split('-')[0]))
      .find((found) => found !== undefined);
    this.set(match?.code ?? 'en');
  }

  private wanted: Locale = 'en';

  private show(locale: Locale): void {
    this.locale = locale;
    this.ready = true;
    document.documentElement.lang = locale;
  }

  /** The sentence for an error code, falling back to a generic one naming the code. */
  error = (error: { code: string; details?: Record<string, unknown> } | undefined): string => {
    if (!error) return '';
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : null;
    // A time the agent must wait for (e.g. the next permission request), in the agent's own format.
    const next = error.details?.nextAllowedAt;
    const details = { ...error.details, nextAllowed: typeof next === 'string' ? this.t('errors.nextAllowedAt', { time: this.time(next, true) }) : this.t('errors.nextAllowedLater') };
    for (const key of [reason, error.code]) {
      if (key && instance.exists(`errors.${key}`, { lng: this.locale })) return this.t(`errors.${key}`, details);
    }
    return this.t('errors.generic', { code: error.code });
  };
}

export const i18n = new I18n();
