import i18next, { type TFunction } from 'i18next';
import en from '../../../resources/locales/en.json';
import ptBR from '../../../resources/locales/pt-BR.json';
import es from '../../../resources/locales/es.json';
import { locales, type Locale } from '../../../preload/contract';

export type Translate = TFunction;

/** The locale to use when the agent chose none: the OS language, Portuguese for any `pt`, Spanish for any `es`, else English. */
export const resolveLocale = (chosen: Locale | null, systemLocale: string | undefined): Locale => {
  if (chosen) return chosen;
  const system = (systemLocale ?? '').replace('_', '-').toLowerCase();
  if (system.startsWith('pt')) return 'pt-BR';
  if (system.startsWith('es')) return 'es';
  return 'en';
};

export const systemLocale = (): string =>
  process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;

/** A translator over the same message files the renderer uses, for text the main side shows (notifications). */
export const createTranslator = async (locale: Locale): Promise<Translate> => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...locales],
    resources: { en: { translation: en }, 'pt-BR': { translation: ptBR }, es: { translation: es } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.t;
};
