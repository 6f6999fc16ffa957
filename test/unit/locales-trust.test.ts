import { describe, expect, it } from 'vitest';
import en from '../../resources/locales/en.json';
import esTrust from '../../resources/locales/es.trust.json';
import ptBR from '../../resources/locales/pt-BR.json';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)))),
  );
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

/**
 * `es.trust.json` holds the Spanish of the sentences about faults, keys and
 * addresses (line status causes, key and address rules, audio that cannot
 * be restored), to be merged into the Spanish translation.
 */
describe('Spanish sentences for faults, keys and addresses', () => {
  const english = flatten(en as Tree);
  const spanish = flatten(esTrust as Tree);
  const portuguese = flatten(ptBR as Tree);

  it('translate keys English has, with the same placeholders, and are not English copied over', () => {
    expect(Object.keys(spanish).length).toBeGreaterThan(20);
    for (const [key, text] of Object.entries(spanish)) {
      expect([key, key in english]).toEqual([key, true]);
      expect([key, placeholders(text)]).toEqual([key, placeholders(english[key]!)]);
      expect([key, text === english[key]]).toEqual([key, false]);
    }
  });

  it('cover every key the status bar and the new sentences need', () => {
    for (const key of ['status.service-error', 'status.rate-limited', 'status.wrong-address', 'errors.API_KEY_REQUIRED_FOR_ADDRESS', 'errors.BASE_URL_INSECURE', 'audio.talk.failing']) {
      expect([key, typeof spanish[key], typeof portuguese[key]]).toEqual([key, 'string', 'string']);
    }
  });
});
