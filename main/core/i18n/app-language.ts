import type { Locale } from '../../../preload/contract';
import { createTranslator, resolveLocale, type Translate } from './translator';

/** The language the main side speaks (notifications, CSV headers, names it gives lines): the setting, else the OS's. */
export class AppLanguage {
  private current: Translate = ((key: string) => key) as unknown as Translate;

  constructor(
    private readonly chosen: () => Locale | null,
    private readonly systemLocale: string,
  ) {}

  get locale(): Locale {
    return resolveLocale(this.chosen(), this.systemLocale);
  }

  /** The translator in use now; read it at each use, since the language can change. */
  readonly translate = (): Translate => this.current;

  /** Loads the messages of the language now chosen. */
  async load(): Promise<void> {
    this.current = await createTranslator(this.locale);
  }
}
