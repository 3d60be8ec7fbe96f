// The `kubernetes` Service in `default` that every cluster has: the API server's own address,
// 10.96.0.1:443 in the cluster, reaching the (simulated) control plane at 172.18.0.1:6443. Upstream
// the API server keeps it, its Endpoints and its EndpointSlice in place (recreating them when they
// are deleted); here the endpoints controller does. The node addresses start at 172.18.0.2.
import type { KubeObject } from "../store/kube-object.js";
import { SERVICE_NAME_LABEL } from "./endpoint-slices.js";

export const KUBERNETES_SERVICE_NAME = "kubernetes";
export const KUBERNETES_SERVICE_NAMESPACE = "default";
/** The first usable address of the service range. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
export const API_SERVER_ADDRESS = "172.18.0.1";
export const API_SERVER_PORT = 6443;

const metadata = (labels: Record<string, string>): KubeObject["metadata"] => ({ name: KUBERNETES_SERVICE_NAME, namespace: KUBERNETES_SERVICE_NAMESPACE, labels });

export function kubernetesService(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata({ component: "apiserver", provider: "kubernetes" }),
    spec: {
      ports: [{ name: "https", protocol: "TCP", port: 443, targetPort: API_SERVER_PORT }],
      clusterIP: KUBERNETES_SERVICE_IP,
      clusterIPs: [KUBERNETES_SERVICE_IP],
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    },
    status: { loadBalancer: {} },
  };
}

export function kubernetesEndpoints(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    // The API server manages its own EndpointSlice, so the mirroring controller must skip these.
    metadata: metadata({ "endpointslice.kubernetes.io/skip-mirror": "true" }),
    subsets: [{ addresses: [{ ip: API_SERVER_ADDRESS }], ports: [{ name: "https", port: API_SERVER_PORT, protocol: "TCP" }] }],
  };
}

export function kubernetesEndpointSlice(): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: metadata({ [SERVICE_NAME_LABEL]: KUBERNETES_SERVICE_NAME }),
    addressType: "IPv4",
    endpoints: [{ addresses: [API_SERVER_ADDRESS], conditions: { ready: true } }],
    ports: [{ name: "https", port: API_SERVER_PORT, protocol: "TCP" }],
  };
}

export const KUBERNETES_OBJECTS: ReadonlyArray<() => KubeObject> = [kubernetesService, kubernetesEndpoints, kubernetesEndpointSlice];
