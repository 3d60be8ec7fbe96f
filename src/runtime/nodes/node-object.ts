// A Node as a kubelet registers it: labels, pod range, capacity, conditions, addresses and system
// info. Simulated nodes have no real machine behind them, so the machine ids are derived from the
// node's name: the same name always gets the same ids.
import { createHash } from "node:crypto";
import type { NodeShape } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { Taint } from "../scheduler/taints.js";
import { internalIpForIndex, podCidrForIndex } from "./node-addressing.js";
import { healthyConditions } from "./node-conditions.js";

export const DEFAULT_NODE_SHAPE: Required<Pick<NodeShape, "name" | "count" | "cpu" | "memory" | "pods">> = {
  name: "worker",
  count: 3,
  cpu: "4",
  memory: "16Gi",
  pods: 110,
};

export const KUBELET_VERSION = "v1.30.0";
const EPHEMERAL_STORAGE = "100Gi";

/** The pause image every node has before any pod runs. */
const PRELOADED_IMAGES = [{ names: ["registry.k8s.io/pause:3.9"], sizeBytes: 321520 }];

function quantityText(value: string | number | undefined, fallback: string | number): string {
  return String(value ?? fallback);
}

function hexDigest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function uuidOf(text: string): string {
  const hex = hexDigest(text);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The node named `name` of `shape`, the `index`-th in the cluster, registered at `now`. */
export function nodeObject(name: string, shape: NodeShape, index: number, now: number): KubeObject {
  const resources = {
    cpu: quantityText(shape.cpu, DEFAULT_NODE_SHAPE.cpu),
    "ephemeral-storage": EPHEMERAL_STORAGE,
    memory: quantityText(shape.memory, DEFAULT_NODE_SHAPE.memory),
    pods: quantityText(shape.pods, DEFAULT_NODE_SHAPE.pods),
  };
  const spec: Record<string, unknown> = { podCIDR: podCidrForIndex(index), podCIDRs: [podCidrForIndex(index)] };
  const taints: Taint[] = (shape.taints ?? []).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect }));
  if (taints.length > 0) spec.taints = taints;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        ...shape.labels,
      },
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec,
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: healthyConditions(now),
      addresses: [
        { type: "InternalIP", address: internalIpForIndex(index) },
        { type: "Hostname", address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: hexDigest(`machine-id:${name}`).slice(0, 32),
        systemUUID: uuidOf(`system-uuid:${name}`),
        bootID: uuidOf(`boot-id:${name}`),
        kernelVersion: "6.1.0-drydock",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        containerRuntimeVersion: "containerd://1.7.15",
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: "linux",
        architecture: "amd64",
      },
      images: structuredClone(PRELOADED_IMAGES),
    },
  };
}
