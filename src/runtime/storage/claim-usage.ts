// Which pods use which claims, kept from the Pod watch (the pvc-protection controller's pod index):
// a claim is in use while a pod that names it is bound to a node, and the PV controller names the
// pods still waiting for a node in its WaitForPodScheduled events. Only pods with claims are kept.
import type { KubeObject } from "../store/kube-object.js";
import { claimKey, podClaimUses } from "./storage-objects.js";

interface PodUse {
  name: string;
  scheduled: boolean;
}

export class ClaimUsage {
  /** claim key → pod uid → the pod's use */
  private readonly byClaim = new Map<string, Map<string, PodUse>>();
  /** pod uid → the claim keys it names */
  private readonly byPod = new Map<string, string[]>();

  /** Records a pod (added or changed); returns the keys of the claims whose use changed. */
  put(pod: KubeObject): string[] {
    const uid = pod.metadata.uid ?? "";
    const uses = podClaimUses(pod);
    // Most pods use no claim: nothing to file, nothing to allocate.
    if (uses.length === 0 && !this.byPod.has(uid)) return [];
    const before = this.byPod.get(uid) ?? [];
    const namespace = pod.metadata.namespace ?? "default";
    const keys = [...new Set(uses.map((use) => claimKey(namespace, use.claimName)))];
    const use: PodUse = { name: pod.metadata.name ?? "", scheduled: Boolean((pod.spec as { nodeName?: string } | undefined)?.nodeName) };
    for (const key of before) if (!keys.includes(key)) this.byClaim.get(key)?.delete(uid);
    for (const key of keys) {
      let pods = this.byClaim.get(key);
      if (!pods) this.byClaim.set(key, (pods = new Map()));
      pods.set(uid, use);
    }
    if (keys.length === 0) this.byPod.delete(uid);
    else this.byPod.set(uid, keys);
    return [...new Set([...before, ...keys])];
  }

  /** Forgets a deleted pod; returns the keys of the claims it used. */
  remove(pod: KubeObject): string[] {
    const uid = pod.metadata.uid ?? "";
    const keys = this.byPod.get(uid) ?? [];
    for (const key of keys) {
      const pods = this.byClaim.get(key);
      pods?.delete(uid);
      if (pods?.size === 0) this.byClaim.delete(key);
    }
    this.byPod.delete(uid);
    return keys;
  }

  /** Whether a pod bound to a node uses the claim (podUsesPVC). */
  inUse(key: string): boolean {
    for (const use of this.byClaim.get(key)?.values() ?? []) if (use.scheduled) return true;
    return false;
  }

  /** Names of the pods that use the claim but have no node yet, sorted. */
  unscheduledPods(key: string): string[] {
    return [...(this.byClaim.get(key)?.values() ?? [])]
      .filter((use) => !use.scheduled)
      .map((use) => use.name)
      .sort();
  }
}
