// The store's data: frozen objects by identity, with indexes by kind and by uid, and the
// resourceVersion counter. Reads are answered here; writes go through a StoreTransaction.
import { CRD_GROUP, CRD_KIND, kindInfo, type KindInfo } from "./kind-registry.js";
import { groupOf, identityOf, identityOfParts, kindKeyOf, type KubeObject, type ObjectRef } from "./kube-object.js";
import { matchesSelectors, type ObjectQuery } from "./object-query.js";

export interface ResolvedRef {
  ref: ObjectRef;
  identity: string;
  info: KindInfo;
}

const CRD_KEY = kindKeyOf(CRD_GROUP, CRD_KIND);

export class StoreState {
  private readonly objects = new Map<string, KubeObject>();
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly byUid = new Map<string, string>();
  resourceVersion = 0;
  /** Scopes looked up so far, by group then kind (no key string to build on every access); forgotten whenever a CustomResourceDefinition changes. */
  private readonly kinds = new Map<string, Map<string, KindInfo>>();

  get size(): number {
    return this.objects.size;
  }

  kindInfo(group: string, kind: string): KindInfo {
    let ofGroup = this.kinds.get(group);
    if (!ofGroup) {
      ofGroup = new Map();
      this.kinds.set(group, ofGroup);
    }
    let info = ofGroup.get(kind);
    if (!info) {
      info = kindInfo(group, kind, this.byKind.get(CRD_KEY)?.values() ?? []);
      ofGroup.set(kind, info);
    }
    return info;
  }

  isNamespaced(object: KubeObject): boolean {
    return this.kindInfo(groupOf(object.apiVersion), object.kind).namespaced;
  }

  /** The ref with its namespace set (default `default`) or removed, according to the kind's scope. */
  resolve(ref: ObjectRef): ResolvedRef {
    const info = this.kindInfo(ref.group, ref.kind);
    const resolved: ObjectRef = { group: ref.group, kind: ref.kind, name: ref.name };
    if (info.namespaced) resolved.namespace = ref.namespace || "default";
    return { ref: resolved, identity: identityOf(resolved), info };
  }

  get(ref: ObjectRef): KubeObject | undefined {
    // resolve()'s identity, without the resolved ref it allocates: reads are the store's hottest path.
    const namespace = this.kindInfo(ref.group, ref.kind).namespaced ? ref.namespace || "default" : "";
    return this.objects.get(identityOfParts(ref.group, ref.kind, namespace, ref.name));
  }

  getByIdentity(identity: string): KubeObject | undefined {
    return this.objects.get(identity);
  }

  getByUid(uid: string): KubeObject | undefined {
    const identity = this.byUid.get(uid);
    return identity === undefined ? undefined : this.objects.get(identity);
  }

  /** Matching objects ordered by group, kind, namespace, then name. */
  list(query: ObjectQuery = {}): KubeObject[] {
    const out: KubeObject[] = [];
    const kinds =
      query.kind === undefined
        ? [...this.byKind.values()]
        : query.group === undefined
          ? [...this.byKind.entries()].filter(([key]) => key.endsWith(`/${query.kind}`)).map(([, objects]) => objects)
          : [this.byKind.get(kindKeyOf(query.group, query.kind)) ?? new Map<string, KubeObject>()];
    for (const objects of kinds) {
      const first = objects.values().next().value;
      if (first === undefined) continue;
      if (query.group !== undefined && groupOf(first.apiVersion) !== query.group) continue;
      const namespaced = this.isNamespaced(first);
      // A namespace narrows namespaced kinds; with an explicit cluster-scoped kind it is ignored
      // (kubectl get nodes -n x lists nodes), and without a kind it leaves cluster-scoped ones out.
      if (query.namespace !== undefined && !namespaced && query.kind === undefined) continue;
      for (const object of objects.values()) {
        if (query.namespace !== undefined && namespaced && object.metadata.namespace !== query.namespace) continue;
        if (matchesSelectors(query, object)) out.push(object);
      }
    }
    return out.sort(compareObjects);
  }

  /** Every object, in list order. */
  all(): KubeObject[] {
    return this.list();
  }

  put(identity: string, object: KubeObject): void {
    const previous = this.objects.get(identity);
    this.objects.set(identity, object);
    const key = kindKeyOf(groupOf(object.apiVersion), object.kind);
    if (key === CRD_KEY) this.kinds.clear();
    let objects = this.byKind.get(key);
    if (!objects) this.byKind.set(key, (objects = new Map()));
    objects.set(identity, object);
    // Updates keep the uid: only creates and replacements touch the uid index.
    const uid = object.metadata.uid;
    if (previous?.metadata.uid === uid) return;
    if (previous?.metadata.uid) this.byUid.delete(previous.metadata.uid);
    if (uid) this.byUid.set(uid, identity);
  }

  remove(identity: string): void {
    const previous = this.objects.get(identity);
    if (!previous) return;
    this.objects.delete(identity);
    const key = kindKeyOf(groupOf(previous.apiVersion), previous.kind);
    if (key === CRD_KEY) this.kinds.clear();
    const objects = this.byKind.get(key);
    objects?.delete(identity);
    if (objects?.size === 0) this.byKind.delete(key);
    if (previous.metadata.uid && this.byUid.get(previous.metadata.uid) === identity) this.byUid.delete(previous.metadata.uid);
  }
}

export function compareObjects(a: KubeObject, b: KubeObject): number {
  return (
    compare(groupOf(a.apiVersion), groupOf(b.apiVersion)) ||
    compare(a.kind, b.kind) ||
    compare(a.metadata.namespace ?? "", b.metadata.namespace ?? "") ||
    compare(a.metadata.name ?? "", b.metadata.name ?? "")
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
