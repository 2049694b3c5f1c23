/** Where the store reads the time: injected, so retention and quota warnings are tested with a fixed clock. */
export interface Clock {
  now(): Date;
}

export const STORE_CLOCK = Symbol('STORE_CLOCK');

export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
