// The back-off between deletions of failed daemon pods on one node (the controller's
// failedPodsBackoff, a flowcontrol.Backoff of 1 s doubling to 15 min): a kubelet that keeps
// rejecting a daemon pod must not make the controller delete and recreate it in a hot loop. Kept in
// memory only, as upstream's is: a restarted controller starts from nothing.

export const FAILED_POD_BACKOFF_INITIAL_MS = 1_000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

interface Entry {
  delay: number;
  lastUpdate: number;
}

export class FailedPodBackoff {
  private readonly entries = new Map<string, Entry>();

  /** Whether the last deletion for `key` was less than its current delay ago. */
  inBackoff(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && now - entry.lastUpdate < entry.delay;
  }

  /** The delay in force for `key`. */
  delay(key: string): number {
    return this.entries.get(key)?.delay ?? 0;
  }

  /** Records a deletion: the first delay, or double the last, unless the entry went stale. */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || now - entry.lastUpdate > 2 * FAILED_POD_BACKOFF_MAX_MS) {
      this.entries.set(key, { delay: FAILED_POD_BACKOFF_INITIAL_MS, lastUpdate: now });
      return;
    }
    entry.delay = Math.min(entry.delay * 2, FAILED_POD_BACKOFF_MAX_MS);
    entry.lastUpdate = now;
  }

  /** Forgets every entry of one DaemonSet (its key prefix). */
  forget(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
