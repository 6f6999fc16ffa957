import { describe, expect, it } from 'vitest';
import en from '../../resources/locales/en.json';
import es from '../../resources/locales/es.json';
import ptBR from '../../resources/locales/pt-BR.json';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)))),
  );
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

/** The sentences about faults, keys and addresses: line status causes, key and address rules, audio that cannot be restored. */
const faultSentences = [
  'errors.API_KEY_PREFIX', 'errors.API_KEY_EMPTY', 'errors.API_KEY_CHARACTERS', 'errors.API_KEY_TOO_LONG', 'errors.BASE_URL_FORMAT',
  'errors.BASE_URL_INSECURE', 'errors.API_KEY_REQUIRED_FOR_ADDRESS', 'errors.NOT_FOUND', 'errors.REDIRECTED_ELSEWHERE', 'errors.INSECURE_ADDRESS',
  'errors.RESPONSE_TOO_LARGE', 'errors.REALTIME_SOCKET_REFUSED', 'errors.REALTIME_SOCKET_FAILED', 'errors.REALTIME_SOCKET_CLOSED',
  'errors.REALTIME_URL_REFUSED', 'errors.REALTIME_SESSION_REPEATED', 'lines.newApiKeyHint', 'lines.baseUrlHint',
  'status.service-error', 'status.rate-limited', 'status.wrong-address', 'audio.talk.failing', 'audio.listen.failing',
];

describe('Spanish and Portuguese sentences for faults, keys and addresses', () => {
  const english = flatten(en as Tree);

  it.each([
    ['es', flatten(es as Tree)],
    ['pt-BR', flatten(ptBR as Tree)],
  ])('%s translates each with the same placeholders as English, not English copied over', (_locale, translated) => {
    for (const key of faultSentences) {
      expect([key, typeof english[key], typeof translated[key]]).toEqual([key, 'string', 'string']);
      expect([key, placeholders(translated[key]!)]).toEqual([key, placeholders(english[key]!)]);
      expect([key, translated[key] === english[key]]).toEqual([key, false]);
    }
  });
});
