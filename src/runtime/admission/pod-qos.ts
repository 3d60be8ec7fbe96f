// A pod's quality-of-service class (ComputePodQOS): Guaranteed when every container (init ones
// too) has CPU and memory limits and the summed requests equal the summed limits; BestEffort when no
// container asks for or limits CPU or memory; Burstable otherwise. Only positive quantities count.
import { resourceAmount } from "../scheduler/pod-requests.js";

export type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

interface ContainerLike {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

const QOS_RESOURCES = ["cpu", "memory"] as const;

export function podQosClass(spec: { containers?: ContainerLike[]; initContainers?: ContainerLike[] }): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const name of QOS_RESOURCES) {
      const request = resourceAmount(name, container.resources?.requests?.[name]);
      if (request > 0) requests.set(name, (requests.get(name) ?? 0) + request);
    }
    let limitsFound = 0;
    for (const name of QOS_RESOURCES) {
      const limit = resourceAmount(name, container.resources?.limits?.[name]);
      if (limit > 0) {
        limitsFound++;
        limits.set(name, (limits.get(name) ?? 0) + limit);
      }
    }
    if (limitsFound < QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, request] of requests) {
      if (limits.get(name) !== request) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
