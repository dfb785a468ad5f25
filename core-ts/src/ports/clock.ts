/** Clock port: milliseconds since the Unix epoch. Injected so state machines are testable. */
export interface Clock {
  now(): number;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
