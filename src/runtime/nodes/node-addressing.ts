// Where a node sits in the simulated network. The k-th node (1-based, in creation order) gets the
// pod range 10.244.<k>.0/24 and the address 172.18.0.<k+1>, like a kind cluster. Beyond 255 nodes
// the numbers carry into the octet before, so addresses stay valid and unique: the 256th node's
// pod range is 10.245.0.0/24 and its address 172.18.1.1.
import type { KubeObject } from "../store/kube-object.js";

export function podCidrForIndex(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

export function internalIpForIndex(index: number): string {
  const host = index + 1;
  return `172.18.${Math.floor(host / 256)}.${host % 256}`;
}

/** The creation index a node's podCIDR encodes, or undefined when it has none we gave out. */
export function nodeIndexOf(node: KubeObject): number | undefined {
  const cidr = (node.spec as { podCIDR?: unknown } | undefined)?.podCIDR;
  if (typeof cidr !== "string") return undefined;
  const match = /^10\.(\d+)\.(\d+)\.0\/24$/.exec(cidr);
  if (!match) return undefined;
  const high = Number(match[1]) - 244;
  const low = Number(match[2]);
  if (high < 0 || low > 255) return undefined;
  return high * 256 + low;
}

/** The index the next node gets: one more than the highest in use. */
export function nextNodeIndex(nodes: readonly KubeObject[]): number {
  let highest = 0;
  for (const node of nodes) highest = Math.max(highest, nodeIndexOf(node) ?? 0);
  return highest + 1;
}
