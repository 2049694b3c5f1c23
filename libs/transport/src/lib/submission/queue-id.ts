import { randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so an id read aloud or retyped from a log is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 9;
const RANDOM_CHARS = 5;

/**
 * A queue id: 9 characters of milliseconds since the epoch (good until the year 3084) and 5 random
 * ones, 14 in all, upper-case and printable. Ids sort by the time they were made, as a log reader
 * expects, and two processes making ids in the same millisecond collide once in 33 million.
 */
export function newQueueId(now: Date, random: (max: number) => number = randomInt): string {
  let time = now.getTime();
  let head = '';
  for (let i = 0; i < TIME_CHARS; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (let i = 0; i < RANDOM_CHARS; i++) tail += ALPHABET[random(32)];
  return head + tail;
}

export function isQueueId(text: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{14}$/.test(text);
}
