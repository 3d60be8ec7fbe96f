// Delivery of watch events. Listeners run synchronously, after the transaction that caused the
// events has committed. Events are queued: when a listener writes to the store, its events wait until
// every listener has seen the earlier ones, so all listeners see all events in resourceVersion order.
import type { KubeObject } from "./kube-object.js";
import { matchesQuery, type ObjectQuery } from "./object-query.js";
import type { WatchEvent, WatchListener } from "./watch-event.js";

interface Subscription {
  readonly filter: ObjectQuery;
  readonly listener: WatchListener;
  /** Events queued before the subscription began are not delivered to it. */
  readonly since: number;
  active: boolean;
}

export class WatchHub {
  private readonly subscriptions = new Set<Subscription>();
  private readonly queue: { seq: number; event: WatchEvent }[] = [];
  private seq = 0;
  private draining = false;

  constructor(private readonly isNamespaced: (object: KubeObject) => boolean) {}

  /** Adds a listener; `initial` objects (already matching) are delivered first as ADDED. */
  subscribe(filter: ObjectQuery, listener: WatchListener, initial: readonly KubeObject[] = []): () => void {
    const subscription: Subscription = { filter, listener, since: this.seq, active: true };
    this.subscriptions.add(subscription);
    for (const object of initial) listener({ type: "ADDED", object });
    return () => {
      subscription.active = false;
      this.subscriptions.delete(subscription);
    };
  }

  publish(events: readonly WatchEvent[]): void {
    for (const event of events) this.queue.push({ seq: this.seq++, event });
    if (this.draining) return;
    this.draining = true;
    let firstError: unknown;
    let failed = false;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const { seq, event } = this.queue[i];
        for (const subscription of [...this.subscriptions]) {
          if (!subscription.active || seq < subscription.since) continue;
          const seen = this.view(subscription.filter, event);
          if (!seen) continue;
          try {
            subscription.listener(seen);
          } catch (error) {
            // One failing listener must not starve the others; the first error surfaces afterwards.
            if (!failed) [failed, firstError] = [true, error];
          }
        }
      }
    } finally {
      this.queue.length = 0;
      this.draining = false;
    }
    if (failed) throw firstError;
  }

  /**
   * The event as a watcher with this filter sees it: an object that starts (or stops) matching a
   * selector is ADDED (or DELETED) for it, as the API server's filtered watches do.
   */
  private view(filter: ObjectQuery, event: WatchEvent): WatchEvent | undefined {
    const matches = (object: KubeObject): boolean => matchesQuery(filter, object, this.isNamespaced(object));
    switch (event.type) {
      case "ADDED":
      case "DELETED":
        return matches(event.object) ? event : undefined;
      case "MODIFIED": {
        const now = matches(event.object);
        const before = matches(event.previous);
        if (now && before) return event;
        if (now) return { type: "ADDED", object: event.object };
        if (before) return { type: "DELETED", object: event.object };
        return undefined;
      }
    }
  }
}
