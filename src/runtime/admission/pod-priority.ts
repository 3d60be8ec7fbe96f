// The Priority admission plugin: a pod's priority comes from its PriorityClass (or the class marked
// globalDefault, or 0), never from the pod itself, and so does its preemptionPolicy.
import type { StoreReader } from "../store/store-api.js";
import { storeError, type StoreError } from "../store/store-errors.js";

/** The two classes every cluster has (they need no object in the store). */
const SYSTEM_CLASSES: Record<string, number> = {
  "system-cluster-critical": 2_000_000_000,
  "system-node-critical": 2_000_001_000,
};

interface PriorityClassLike {
  metadata: { name?: string };
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

interface PodSpecLike {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const PRIORITY_CLASS = { group: "scheduling.k8s.io", kind: "PriorityClass" } as const;

export function admitPriority(spec: PodSpecLike, podName: string, store: StoreReader): StoreError | undefined {
  let value = 0;
  let policy: string | undefined;
  const name = spec.priorityClassName;
  if (name) {
    if (name in SYSTEM_CLASSES) value = SYSTEM_CLASSES[name];
    else {
      const found = store.get({ ...PRIORITY_CLASS, name }) as PriorityClassLike | undefined;
      if (!found) return storeError("Forbidden", `pods "${podName}" is forbidden: no PriorityClass with name ${name} was found`);
      value = found.value ?? 0;
      policy = found.preemptionPolicy;
    }
  } else {
    const fallback = (store.list(PRIORITY_CLASS) as unknown as PriorityClassLike[])
      .filter((c) => c.globalDefault === true)
      .sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
    if (fallback) {
      spec.priorityClassName = fallback.metadata.name;
      value = fallback.value ?? 0;
      policy = fallback.preemptionPolicy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== value) {
    return storeError(
      "Forbidden",
      `pods "${podName}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    );
  }
  spec.priority = value;
  spec.preemptionPolicy ??= policy ?? "PreemptLowerPriority";
  return undefined;
}
