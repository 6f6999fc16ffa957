import { describe, expect, it } from 'vitest';
import { numberMatchKey, numberVariants, parseContactNumber } from '../../main/core/contacts/contact-number';

describe('contact numbers', () => {
  it('reads the ways numbers are written in address books and CRM exports as E.164, Brazil when no country code', () => {
    const written: [string, string | null][] = [
      ['(11) 98765-4321', '+5511987654321'],
      ['11 98765-4321', '+5511987654321'],
      ['011 98765-4321', '+5511987654321'],
      ['+55 11 98765-4321', '+5511987654321'],
      ['5511987654321', '+5511987654321'],
      ['tel:+55-11-98765-4321', '+5511987654321'],
      ['0055 11 98765 4321', '+5511987654321'],
      ['(11) 3333-4444 ramal 12', '+551133334444'],
      ['+1 415 555 0123', '+14155550123'],
      // Digits that make a valid Brazilian number are Brazilian: the default region wins over a guess.
      ['14155550123', '+5514155550123'],
      ['351912345678', '+351912345678'],
      ['', null],
      ['n/a', null],
      ['123', null],
      ['+55 11 98765-43210000000000000000000000000000000', null],
    ];
    for (const [text, e164] of written) expect(parseContactNumber(text), text).toBe(e164);
  });

  it('matches a Brazilian mobile with and without its ninth digit, and nothing else', () => {
    expect(numberMatchKey('+5511987654321')).toBe(numberMatchKey('+551187654321'));
    expect(numberVariants('+5511987654321')).toEqual(['+5511987654321', '+551187654321']);
    expect(numberVariants('+551187654321')).toEqual(['+551187654321', '+5511987654321']);
    // Landlines (first digit 2 to 5) and other countries are only themselves.
    expect(numberMatchKey('+551133334444')).toBe('+551133334444');
    expect(numberVariants('+551133334444')).toEqual(['+551133334444']);
    expect(numberMatchKey('+5511933334444')).toBe('+5511933334444');
    expect(numberVariants('+14155550123')).toEqual(['+14155550123']);
    expect(numberMatchKey('+5511987654321')).not.toBe(numberMatchKey('+5521987654321'));
  });
});
