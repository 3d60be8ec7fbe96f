// core/v1 Events, recorded the way client-go's recorder and the API server do it: one Event per
// occurrence, named `<involved name>.<hex nanoseconds>` and stored in the involved object's namespace
// (`default` for cluster-scoped objects). An identical repeat — same involved object, type, reason,
// message and source, the EventCorrelator's key — updates the existing Event's count and
// lastTimestamp instead. Events expire an hour after their last update (the API server's
// --event-ttl); expiry is background work on the clock.
import type { TaskHandle, VirtualClock } from "../clock/virtual-clock.js";
import { formatTimestamp, parseTimestamp } from "../clock/timestamps.js";
import { identityOf, refOf, type KubeObject, type ObjectRef } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import type { StoreResult } from "../store/store-errors.js";
import { eventKey, type EventSource, type EventType, type InvolvedObject } from "./event-key.js";

export type { EventSource, EventType, InvolvedObject };

export const DEFAULT_EVENT_TTL_MS = 60 * 60 * 1000;

export interface EventRecorderOptions {
  store: ObjectStore;
  clock: VirtualClock;
  /** How long an Event lives after its last update; null keeps Events forever. Default one hour. */
  ttlMs?: number | null;
}

export interface EventInput {
  /** The object the event is about, or a reference to it. */
  involved: KubeObject | InvolvedObject;
  type: EventType;
  reason: string;
  message: string;
  source: EventSource;
}

/** A recorder bound to one component, like a controller's record.EventRecorder. */
export interface ComponentEventRecorder {
  event(involved: KubeObject | InvolvedObject, type: EventType, reason: string, message: string): StoreResult;
}

export class EventRecorder {
  private readonly ttlMs: number | null;
  /** aggregation key → the Event holding it; built from the store on first use */
  private index: Map<string, ObjectRef> | undefined;
  /** Event identity → when it expires; the Events expiring at one instant share one clock task. */
  private readonly expiryAt = new Map<string, number>();
  private readonly expiring = new Map<number, { handle: TaskHandle; events: Map<string, KubeObject> }>();
  private offsetsAt = Number.NaN;
  private readonly nextOffsets = new Map<string, bigint>();

  constructor(private readonly options: EventRecorderOptions) {
    this.ttlMs = options.ttlMs === undefined ? DEFAULT_EVENT_TTL_MS : options.ttlMs;
  }

  /** Schedules the expiry of Events already in the store (after loading a saved cluster). */
  start(): this {
    for (const event of this.events()) this.scheduleExpiry(event);
    return this;
  }

  stop(): void {
    for (const batch of this.expiring.values()) batch.handle.cancel();
    this.expiring.clear();
    this.expiryAt.clear();
  }

  for(source: EventSource): ComponentEventRecorder {
    return { event: (involved, type, reason, message) => this.record({ involved, type, reason, message, source }) };
  }

  /**
   * Records an occurrence. Like upstream, failing to record (say, the namespace is being deleted) is
   * not the caller's problem: the result says what happened and may be ignored.
   */
  record(input: EventInput): StoreResult {
    const involved = involvedReference(input.involved);
    const key = eventKey(involved, input);
    const index = this.buildIndex();
    const known = index.get(key);
    const existing = known === undefined ? undefined : this.options.store.get(known);
    const now = formatTimestamp(this.options.clock.now());
    const result = existing
      ? this.options.store.modify(refOf(existing), (event) => {
          event.count = ((event.count as number | undefined) ?? 1) + 1;
          event.lastTimestamp = now;
        })
      : this.options.store.create(this.newEvent(involved, input, now));
    if (result.ok) {
      index.set(key, refOf(result.object));
      this.scheduleExpiry(result.object);
    }
    return result;
  }

  private newEvent(involved: InvolvedObject, input: EventInput, now: string): KubeObject {
    const namespace = involved.namespace ?? "default";
    return {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: this.freeName(involved.name, namespace), namespace },
      involvedObject: { ...involved },
      reason: input.reason,
      message: input.message,
      source: input.source.host === undefined ? { component: input.source.component } : { component: input.source.component, host: input.source.host },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: input.type,
      eventTime: null,
      reportingComponent: input.source.component,
      reportingInstance: input.source.host ?? "",
    };
  }

  // Upstream names events after the wall-clock nanosecond; simulated time has many events per
  // millisecond, so the first free nanosecond of the current millisecond is used.
  // The next offset to try per involved object is remembered for the current millisecond, so a
  // burst of events about one object (a ReplicaSet creating 500 pods) costs linear time.
  private freeName(name: string, namespace: string): string {
    const now = this.options.clock.now();
    if (now !== this.offsetsAt) {
      this.offsetsAt = now;
      this.nextOffsets.clear();
    }
    const key = `${namespace}/${name}`;
    const base = BigInt(now) * 1_000_000n;
    for (let offset = this.nextOffsets.get(key) ?? 0n; ; offset++) {
      const candidate = `${name}.${(base + offset).toString(16)}`;
      if (!this.options.store.get({ group: "", kind: "Event", namespace, name: candidate })) {
        this.nextOffsets.set(key, offset + 1n);
        return candidate;
      }
    }
  }

  private buildIndex(): Map<string, ObjectRef> {
    if (!this.index) {
      this.index = new Map();
      for (const event of this.events()) {
        const involved = event.involvedObject as InvolvedObject;
        const source = (event.source as EventSource | undefined) ?? { component: "" };
        this.index.set(
          eventKey(involved, { type: event.type as EventType, reason: String(event.reason ?? ""), message: String(event.message ?? ""), source }),
          refOf(event),
        );
      }
    }
    return this.index;
  }

  private events(): KubeObject[] {
    return this.options.store.list({ group: "", kind: "Event" });
  }

  private scheduleExpiry(event: KubeObject): void {
    if (this.ttlMs === null) return;
    const identity = identityOf(refOf(event));
    const at = (parseTimestamp(String(event.lastTimestamp ?? "")) ?? this.options.clock.now()) + this.ttlMs;
    const previous = this.expiryAt.get(identity);
    if (previous !== undefined && previous !== at) this.expiring.get(previous)?.events.delete(identity);
    this.expiryAt.set(identity, at);
    let batch = this.expiring.get(at);
    if (!batch) {
      const handle = this.options.clock.schedule({ at }, () => this.expire(at), "event-ttl", { background: true });
      this.expiring.set(at, (batch = { handle, events: new Map() }));
    }
    batch.events.set(identity, event);
  }

  /** Deletes the Events due at `at` that were not updated (or replaced) since. */
  private expire(at: number): void {
    const batch = this.expiring.get(at);
    this.expiring.delete(at);
    for (const [identity, event] of batch?.events ?? []) {
      this.expiryAt.delete(identity);
      const current = this.options.store.get(refOf(event));
      if (current && current.metadata.uid === event.metadata.uid && current.lastTimestamp === event.lastTimestamp) {
        this.options.store.delete(refOf(current));
      }
    }
  }
}

/** The ObjectReference, in the API's field order and without unset fields. */
function involvedReference(involved: KubeObject | InvolvedObject): InvolvedObject {
  const from: InvolvedObject =
    "metadata" in involved
      ? {
          kind: involved.kind,
          namespace: involved.metadata.namespace,
          name: involved.metadata.name ?? "",
          uid: involved.metadata.uid,
          apiVersion: involved.apiVersion,
          resourceVersion: involved.metadata.resourceVersion,
        }
      : involved;
  const ordered = { kind: from.kind } as InvolvedObject;
  if (from.namespace !== undefined) ordered.namespace = from.namespace;
  ordered.name = from.name;
  if (from.uid !== undefined) ordered.uid = from.uid;
  if (from.apiVersion !== undefined) ordered.apiVersion = from.apiVersion;
  if (from.resourceVersion !== undefined) ordered.resourceVersion = from.resourceVersion;
  if (from.fieldPath !== undefined) ordered.fieldPath = from.fieldPath;
  return ordered;
}
