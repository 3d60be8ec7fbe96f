// The PersistentVolume controller (component `persistentvolume-controller`) with the pvc- and
// pv-protection controllers, the volume expand controller and drydock's simulated provisioner. It
// follows claims, volumes, StorageClasses and the pods that use claims through watches, and syncs
// what changed in one task at the instant of the change — so a claim created just before its pod is
// bound before the scheduler looks at the pod. Pending claims are synced again every 15 s
// (--pvclaimbinder-sync-period) in the background, repeating their events as upstream does; and a
// volume that becomes Available is offered to pending claims at once (upstream waits for that resync).
import type { TaskHandle } from "../clock/virtual-clock.js";
import { InstantTask } from "../controllers/instant-task.js";
import { Watches } from "../controllers/watches.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { syncClaim } from "./claim-sync.js";
import { ClaimUsage } from "./claim-usage.js";
import { HostPathProvisioner } from "./hostpath-provisioner.js";
import { protectClaim, protectVolume } from "./protection.js";
import {
  CLAIM,
  PV_CONTROLLER,
  STORAGE_CLASS,
  VOLUME,
  claimKey,
  claimKeyOf,
  claimObjectRef,
  isClaimFullyBound,
  volumeSpec,
  volumeStatus,
} from "./storage-objects.js";
import type { SyncContext } from "./sync-context.js";
import { expandClaim } from "./volume-expansion.js";
import { syncVolume } from "./volume-sync.js";

/** --pvclaimbinder-sync-period */
export const CLAIM_RESYNC_MS = 15_000;

export class PersistentVolumeController implements RuntimeComponent {
  private readonly volumes = new Map<string, KubeObject>();
  private readonly classes = new Map<string, KubeObject>();
  /** Keys of the claims not bound yet: what the resync and new volumes look at. */
  private readonly unbound = new Set<string>();
  /** Claims being deleted, by key. */
  private readonly deleting = new Set<string>();
  private readonly usage = new ClaimUsage();
  private readonly claimQueue = new Set<string>();
  private readonly volumeQueue = new Set<string>();
  private readonly recorder: ComponentEventRecorder;
  private readonly expander: ComponentEventRecorder;
  private readonly provisioner: HostPathProvisioner;
  private readonly watches = new Watches();
  private readonly drainTask: InstantTask;
  private resync: TaskHandle | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: PV_CONTROLLER });
    this.expander = deps.events.for({ component: "volume_expand" });
    this.provisioner = new HostPathProvisioner(deps.store, deps.events);
    this.drainTask = new InstantTask(deps.clock, PV_CONTROLLER, () => this.drain());
  }

  start(): this {
    const { store } = this.deps;
    // Classes and pods first: the first sync of a claim needs them.
    this.watches.open(() => [
      store.watch(STORAGE_CLASS, (event) => this.observeClass(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
      store.watch(VOLUME, (event) => this.observeVolume(event), { sendInitialEvents: true }),
      store.watch(CLAIM, (event) => this.observeClaim(event), { sendInitialEvents: true }),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.drainTask.cancel();
    this.resync?.cancel();
    this.resync = undefined;
  }

  private observeClaim(event: WatchEvent): void {
    const claim = event.object;
    const key = claimKeyOf(claim);
    if (event.type === "DELETED") {
      this.unbound.delete(key);
      this.deleting.delete(key);
      this.claimQueue.delete(key);
      // Its volume is released.
      const volumeName = (claim.spec as { volumeName?: string } | undefined)?.volumeName;
      if (volumeName) this.enqueueVolume(volumeName);
      for (const volume of this.volumes.values()) {
        const ref = volumeSpec(volume).claimRef;
        if (ref && claimKey(ref.namespace, ref.name) === key) this.enqueueVolume(volume.metadata.name ?? "");
      }
      return;
    }
    if (isClaimFullyBound(claim)) this.unbound.delete(key);
    else this.unbound.add(key);
    if (claim.metadata.deletionTimestamp !== undefined) this.deleting.add(key);
    this.enqueueClaim(key);
    this.planResync();
  }

  private observeVolume(event: WatchEvent): void {
    const volume = event.object;
    const name = volume.metadata.name ?? "";
    const ref = volumeSpec(volume).claimRef;
    if (event.type === "DELETED") {
      this.volumes.delete(name);
      this.volumeQueue.delete(name);
      if (ref?.name) this.enqueueClaim(claimKey(ref.namespace, ref.name));
      return;
    }
    this.volumes.set(name, volume);
    this.enqueueVolume(name);
    if (ref?.name) this.enqueueClaim(claimKey(ref.namespace, ref.name));
    const becameAvailable = volumeStatus(volume).phase === "Available" && (event.type === "ADDED" || volumeStatus(event.previous).phase !== "Available");
    if (becameAvailable) for (const key of this.unbound) this.enqueueClaim(key);
  }

  private observeClass(event: WatchEvent): void {
    const name = event.object.metadata.name ?? "";
    if (event.type === "DELETED") this.classes.delete(name);
    else this.classes.set(name, event.object);
    if (event.type !== "DELETED") for (const key of this.unbound) this.enqueueClaim(key);
  }

  private observePod(event: WatchEvent): void {
    const keys = event.type === "DELETED" ? this.usage.remove(event.object) : this.usage.put(event.object);
    // A claim being deleted may now be free of pods.
    for (const key of keys) if (this.deleting.has(key)) this.enqueueClaim(key);
  }

  private enqueueClaim(key: string): void {
    this.claimQueue.add(key);
    this.drainTask.request();
  }

  private enqueueVolume(name: string): void {
    this.volumeQueue.add(name);
    this.drainTask.request();
  }

  private drain(): void {
    const claims = [...this.claimQueue];
    const volumes = [...this.volumeQueue];
    this.claimQueue.clear();
    this.volumeQueue.clear();
    const ctx = this.context();
    // Volumes first: a volume created at this instant is Available before claims look for one.
    for (const name of volumes) this.syncVolumeName(ctx, name);
    for (const key of claims) this.syncClaimKey(ctx, key);
  }

  private syncClaimKey(ctx: SyncContext, key: string): void {
    const slash = key.indexOf("/");
    const stored = this.deps.store.get(claimObjectRef(key.slice(0, slash), key.slice(slash + 1)));
    if (!stored) return;
    const claim = protectClaim(this.deps.store, this.usage, stored);
    if (!claim) return;
    syncClaim(ctx, claim);
    const latest = this.deps.store.get(claimObjectRef(key.slice(0, slash), key.slice(slash + 1)));
    if (latest) expandClaim(ctx, latest);
  }

  private syncVolumeName(ctx: SyncContext, name: string): void {
    const stored = this.deps.store.get({ ...VOLUME, name });
    if (!stored) return;
    const volume = protectVolume(this.deps.store, stored);
    if (volume) syncVolume(ctx, volume);
  }

  private context(): SyncContext {
    return {
      store: this.deps.store,
      now: this.deps.clock.now(),
      recorder: this.recorder,
      expander: this.expander,
      provisioner: this.provisioner,
      usage: this.usage,
      volumes: () => this.volumes.values(),
      storageClass: (name) => this.classes.get(name),
      enqueueClaim: (key) => this.enqueueClaim(key),
    };
  }

  /** One background task re-syncs the pending claims every 15 s while there are any. */
  private planResync(): void {
    if (this.unbound.size === 0 || this.resync?.pending) return;
    this.resync = this.deps.clock.schedule(
      { after: CLAIM_RESYNC_MS },
      () => {
        this.resync = undefined;
        for (const key of this.unbound) this.enqueueClaim(key);
        this.planResync();
      },
      `${PV_CONTROLLER} resync`,
      { background: true },
    );
  }
}
