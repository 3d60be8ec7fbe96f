// Sums of resource quantities as describe prints them (resource.Quantity's canonical String): CPU in
// whole cores or millicores, memory with the largest binary (or, for decimal inputs, decimal)
// suffix that divides it exactly.
import { quantityValue } from "../../../kube/quantity.js";
import { arr, rec, type Json } from "./fields.js";

export interface QuantitySum {
  /** CPU in millicores; bytes for everything else. */
  value: number;
  binary: boolean;
}

export function addQuantity(sum: QuantitySum | undefined, quantity: unknown, resource: string): QuantitySum {
  const value = quantityValue(quantity) ?? 0;
  const scaled = resource === "cpu" ? Math.round(value * 1000) : Math.round(value);
  const binary = typeof quantity === "string" && /[KMGTPE]i$/.test(quantity);
  return sum ? { value: sum.value + scaled, binary: sum.binary } : { value: scaled, binary };
}

export function formatQuantity(sum: QuantitySum | undefined, resource: string): string {
  const value = sum?.value ?? 0;
  if (value === 0) return "0";
  if (resource === "cpu") return value % 1000 === 0 ? String(value / 1000) : `${value}m`;
  const suffixes = sum?.binary ? ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"] : ["", "k", "M", "G", "T", "P", "E"];
  const base = sum?.binary ? 1024 : 1000;
  let n = value;
  let i = 0;
  while (i < suffixes.length - 1 && n % base === 0) {
    n /= base;
    i++;
  }
  return `${n}${suffixes[i]}`;
}

/** resourcehelper.PodRequestsAndLimits: containers summed, each init container a lower bound. */
export function podRequestsAndLimits(pod: Json): { requests: Map<string, QuantitySum>; limits: Map<string, QuantitySum> } {
  const spec = rec(pod.spec);
  const total = (kind: "requests" | "limits"): Map<string, QuantitySum> => {
    const sums = new Map<string, QuantitySum>();
    for (const container of arr(spec.containers)) {
      for (const [name, q] of Object.entries(rec(rec(container.resources)[kind]))) sums.set(name, addQuantity(sums.get(name), q, name));
    }
    for (const container of arr(spec.initContainers)) {
      for (const [name, q] of Object.entries(rec(rec(container.resources)[kind]))) {
        const init = addQuantity(undefined, q, name);
        const current = sums.get(name);
        if (!current || init.value > current.value) sums.set(name, init);
      }
    }
    for (const [name, q] of Object.entries(rec(spec.overhead))) {
      if (sums.has(name)) sums.set(name, addQuantity(sums.get(name), q, name));
    }
    return sums;
  };
  return { requests: total("requests"), limits: total("limits") };
}
