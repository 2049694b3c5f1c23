import { Injectable } from '@nestjs/common';

/** The transport's notion of now: retry schedules, expiry and the tracking log read it, so tests can move it. */
@Injectable()
export class TransportClock {
  now(): Date {
    return new Date();
  }
}
