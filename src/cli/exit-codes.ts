export const EXIT = {
  /** No errors. */
  OK: 0,
  /** Errors found in the input (or warnings under --fail-on-warning). */
  FAILED: 1,
  /** Usage or infrastructure problem: bad options, missing paths, unreadable state. */
  USAGE: 2,
} as const;

/** A command line that cannot work as given: one sentence, exit 2. */
export class UsageError extends Error {}
