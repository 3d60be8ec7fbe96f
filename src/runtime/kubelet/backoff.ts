// client-go's flowcontrol.Backoff, which the kubelet uses for both image pulls (key: pod uid and
// image) and container restarts (key: the container): each failure doubles the delay from 10 s up to
// 5 min, and an entry not updated for twice the maximum (10 min) starts again from 10 s.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  delayMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = INITIAL_BACKOFF_MS,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  /** Records a failure at `at`; returns the delay before the next attempt. */
  next(key: string, at: number): number {
    const entry = this.entries.get(key);
    const delayMs = !entry || this.expired(entry, at) ? this.initialMs : Math.min(entry.delayMs * 2, this.maxMs);
    this.entries.set(key, { delayMs, lastUpdate: at });
    return delayMs;
  }

  /** The current delay (0 without an entry). */
  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** When the entry was last updated, if it exists. */
  lastUpdate(key: string): number | undefined {
    return this.entries.get(key)?.lastUpdate;
  }

  /** Whether, at `now`, something that happened at `eventTime` is still within its back-off. */
  inBackOffSince(key: string, eventTime: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, eventTime)) return false;
    return now - eventTime < entry.delayMs;
  }

  /** Restores an entry from what the objects show (after a restart). */
  restore(key: string, delayMs: number, lastUpdate: number): void {
    this.entries.set(key, { delayMs: Math.min(Math.max(delayMs, this.initialMs), this.maxMs), lastUpdate });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private expired(entry: Entry, at: number): boolean {
    return at - entry.lastUpdate > 2 * this.maxMs;
  }
}

/** The delay after the `failures`-th consecutive failure: 10 s, 20 s, 40 s … 5 min. */
export function delayAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(INITIAL_BACKOFF_MS * 2 ** Math.min(failures - 1, 30), MAX_BACKOFF_MS);
}
