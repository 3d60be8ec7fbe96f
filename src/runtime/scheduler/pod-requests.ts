// What a pod asks of a node (resourcehelper.PodRequests): the sum of its containers' requests, or
// the largest init-container step if that is more (sidecars — init containers with restartPolicy
// Always — keep running and add to both), plus spec.overhead. CPU is counted in millicores and
// other resources in whole units, both rounded up as Quantity.MilliValue and Value do.
import { quantityValue } from "../../kube/quantity.js";

/** Extended resources (nvidia.com/gpu, hugepages-2Mi, …) by name; absent when the pod asks for none. */
export type ScalarResources = Map<string, number>;

export interface Resources {
  milliCpu: number;
  memory: number;
  ephemeralStorage: number;
  scalar: ScalarResources | undefined;
}

/** Used for scoring only: a container without a CPU or memory request counts as 100m / 200Mi. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodResourceSummary {
  /** What the Fit filter checks, and what the node's `requested` sums. */
  requests: Resources;
  /** CPU and memory with the scoring defaults applied to containers that omit them. */
  nonZeroMilliCpu: number;
  nonZeroMemory: number;
}

interface ContainerLike {
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  overhead?: Record<string, unknown>;
}

type Vector = Map<string, number>;

/** Quantity in millicores (cpu) or units (others), rounded up; tolerant of binary float noise. */
export function resourceAmount(name: string, quantity: unknown): number {
  const value = quantityValue(quantity);
  if (value === undefined || value <= 0) return 0;
  const scaled = name === "cpu" ? value * 1000 : value;
  return Math.ceil(scaled - Math.max(1e-9, scaled * 1e-12));
}

function vectorOf(list: Record<string, unknown> | undefined, nonMissing: boolean): Vector {
  const vector: Vector = new Map();
  if (list) for (const [name, quantity] of Object.entries(list)) vector.set(name, resourceAmount(name, quantity));
  if (nonMissing) {
    if (!list || !("cpu" in list)) vector.set("cpu", DEFAULT_MILLI_CPU_REQUEST);
    if (!list || !("memory" in list)) vector.set("memory", DEFAULT_MEMORY_REQUEST);
  }
  return vector;
}

function add(into: Vector, other: Vector): void {
  for (const [name, amount] of other) into.set(name, (into.get(name) ?? 0) + amount);
}

function maxInto(into: Vector, other: Vector): void {
  for (const [name, amount] of other) if (amount > (into.get(name) ?? 0)) into.set(name, amount);
}

function podVector(spec: PodSpecLike, nonMissing: boolean): Vector {
  const requests: Vector = new Map();
  for (const container of spec.containers ?? []) add(requests, vectorOf(container.resources?.requests, nonMissing));
  const sidecars: Vector = new Map();
  const initMax: Vector = new Map();
  for (const container of spec.initContainers ?? []) {
    const own = vectorOf(container.resources?.requests, nonMissing);
    if (container.restartPolicy === "Always") {
      add(requests, own);
      add(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const step = new Map(own);
      add(step, sidecars);
      maxInto(initMax, step);
    }
  }
  maxInto(requests, initMax);
  if (spec.overhead) add(requests, vectorOf(spec.overhead, false));
  return requests;
}

export function podResources(spec: PodSpecLike | undefined): PodResourceSummary {
  const s = spec ?? {};
  const exact = podVector(s, false);
  const nonZero = podVector(s, true);
  let scalar: ScalarResources | undefined;
  for (const [name, amount] of exact) {
    if (name === "cpu" || name === "memory" || name === "ephemeral-storage" || name === "pods" || amount <= 0) continue;
    (scalar ??= new Map()).set(name, amount);
  }
  return {
    requests: { milliCpu: exact.get("cpu") ?? 0, memory: exact.get("memory") ?? 0, ephemeralStorage: exact.get("ephemeral-storage") ?? 0, scalar },
    nonZeroMilliCpu: nonZero.get("cpu") ?? 0,
    nonZeroMemory: nonZero.get("memory") ?? 0,
  };
}
