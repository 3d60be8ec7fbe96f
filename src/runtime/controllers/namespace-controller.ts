// The namespace controller: a deleted Namespace is Terminating until everything in it is gone; then
// the controller removes its `kubernetes` spec finalizer (the finalize subresource), and the API
// server deletes it. Content is deleted in the background like any other delete, so finalizers and
// graceful pod deletion hold the namespace back exactly as long as they hold its content back.
import type { VirtualClock } from "../clock/virtual-clock.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import { NAMESPACE_FINALIZER } from "../store/namespace-rules.js";
import type { ObjectStore } from "../store/object-store.js";
import type { WatchEvent } from "../store/watch-event.js";
import { WatchingController } from "./watching-controller.js";

export interface NamespaceControllerOptions {
  store: ObjectStore;
  clock: VirtualClock;
}

export class NamespaceController extends WatchingController {
  private readonly terminating = new Set<string>();
  private readonly queued = new Set<string>();

  constructor(private readonly options: NamespaceControllerOptions) {
    super(options.store, options.clock, "namespace-controller");
  }


  protected observe(event: WatchEvent): void {
    const object = event.object;
    if (object.apiVersion === "v1" && object.kind === "Namespace") {
      const name = object.metadata.name ?? "";
      if (event.type === "DELETED") this.terminating.delete(name);
      else if (object.metadata.deletionTimestamp !== undefined) {
        this.terminating.add(name);
        this.enqueue(name);
      }
      return;
    }
    // Something in a terminating namespace went away: the namespace may be empty now.
    const namespace = object.metadata.namespace;
    if (event.type === "DELETED" && namespace !== undefined && this.terminating.has(namespace)) this.enqueue(namespace);
  }

  private enqueue(name: string): void {
    this.queued.add(name);
    this.scheduleDrain();
  }

  protected drain(): void {
    while (this.queued.size > 0) {
      const name: string = this.queued.values().next().value as string;
      this.queued.delete(name);
      this.sync(name);
    }
  }

  private sync(name: string): void {
    const store = this.options.store;
    const namespace = store.get({ group: "", kind: "Namespace", name });
    if (!namespace || namespace.metadata.deletionTimestamp === undefined) return;
    for (const object of store.list({ namespace: name })) {
      if (object.metadata.deletionTimestamp === undefined) store.delete(refOf(object));
    }
    if (store.list({ namespace: name }).length > 0) return;
    // Without its spec finalizer the namespace goes with a plain delete, as upstream's controller does.
    if (!hasSpecFinalizer(namespace)) {
      store.delete(refOf(namespace));
      return;
    }
    store.update(
      { ...namespace, spec: { ...(namespace.spec as object), finalizers: specFinalizers(namespace).filter((f) => f !== NAMESPACE_FINALIZER) } },
      { subresource: "finalize" },
    );
  }
}

function specFinalizers(namespace: KubeObject): string[] {
  return (namespace.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
}

function hasSpecFinalizer(namespace: KubeObject): boolean {
  return specFinalizers(namespace).includes(NAMESPACE_FINALIZER);
}
