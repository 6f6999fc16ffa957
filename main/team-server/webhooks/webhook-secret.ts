import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const macKey = randomBytes(32);
const mac = (text: string): Buffer => createHmac('sha256', macKey).update(text).digest();

/**
 * Compares a presented webhook secret with the expected one in constant
 * time: both are reduced to HMACs of equal length first, so neither the
 * content nor the length of the secret leaks through timing.
 */
export const sameSecret = (given: string | undefined, expected: string | undefined): boolean => {
  if (!given || !expected) {
    // Spend the same work on a refusal as on a comparison.
    timingSafeEqual(mac(given ?? ''), mac(given ?? ''));
    return false;
  }
  return timingSafeEqual(mac(given), mac(expected));
};
