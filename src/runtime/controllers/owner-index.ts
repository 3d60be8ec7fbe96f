// The owners a controller syncs (ReplicaSets, Jobs, …) as its watch reports them: by uid, and the
// uids of each namespace's, since an orphan pod may be adopted only by an owner of its own namespace.
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";

/** What a watch event did to the index. */
export interface OwnerChange {
  uid: string;
  deleted: boolean;
}

export class OwnerIndex<T = KubeObject> {
  private readonly byUid = new Map<string, T>();
  private readonly byNamespace = new Map<string, Set<string>>();

  /**
   * `isOwner` tells the controller's kind; `entry` makes what is kept of an owner (the object itself
   * by default, which is why T defaults to KubeObject).
   */
  constructor(
    private readonly isOwner: (object: KubeObject) => boolean,
    private readonly entry: (owner: KubeObject) => T = (owner) => owner as T,
  ) {}

  /** Files an owner's watch event; undefined when the object is not one (another kind, no uid). */
  observe(event: WatchEvent): OwnerChange | undefined {
    const object = event.object;
    const uid = object.metadata.uid;
    if (!uid || !this.isOwner(object)) return undefined;
    const namespace = object.metadata.namespace ?? "";
    if (event.type === "DELETED") {
      this.byUid.delete(uid);
      this.byNamespace.get(namespace)?.delete(uid);
      return { uid, deleted: true };
    }
    this.byUid.set(uid, this.entry(object));
    let uids = this.byNamespace.get(namespace);
    if (!uids) this.byNamespace.set(namespace, (uids = new Set()));
    uids.add(uid);
    return { uid, deleted: false };
  }

  get(uid: string): T | undefined {
    return this.byUid.get(uid);
  }

  has(uid: string): boolean {
    return this.byUid.has(uid);
  }

  /** Every owner, in the order first filed. */
  entries(): IterableIterator<[string, T]> {
    return this.byUid.entries();
  }

  /** The owners of `namespace`, in the order first filed. */
  *inNamespace(namespace: string): Generator<[string, T]> {
    for (const uid of this.byNamespace.get(namespace) ?? []) {
      const owner = this.byUid.get(uid);
      if (owner !== undefined) yield [uid, owner];
    }
  }
}
