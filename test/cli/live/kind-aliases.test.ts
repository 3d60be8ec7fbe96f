// kubectl's resource names resolved against the schema index and the cluster's CRDs.
import { describe, expect, it } from "vitest";
import { qualifiedResourceName, resolveKind, typeName } from "../../../src/engine/kind-aliases.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";

function kind(name: string, crds: KubeObject[] = []): string {
  const r = resolveKind(name, crds);
  return r.ok ? `${r.kind.group}/${r.kind.version}/${r.kind.kind} ${r.kind.resource} ${r.kind.namespaced ? "namespaced" : "cluster"}` : `error: ${r.message}`;
}

describe("resource names", () => {
  it.each([
    [["po", "pod", "pods", "Pod", "PODS"], "/v1/Pod pods namespaced"],
    [["deploy", "deployment", "deployments", "Deployment", "deployments.apps", "deployment.apps", "deployments.v1.apps"], "apps/v1/Deployment deployments namespaced"],
    [["rs", "replicaset", "replicasets"], "apps/v1/ReplicaSet replicasets namespaced"],
    [["svc", "service", "services"], "/v1/Service services namespaced"],
    [["ep", "endpoints"], "/v1/Endpoints endpoints namespaced"],
    [["no", "node", "nodes"], "/v1/Node nodes cluster"],
    [["ns", "namespace", "namespaces"], "/v1/Namespace namespaces cluster"],
    [["cm", "configmap", "configmaps"], "/v1/ConfigMap configmaps namespaced"],
    [["secret", "secrets"], "/v1/Secret secrets namespaced"],
    [["ev", "event", "events"], "/v1/Event events namespaced"],
    [["sts", "statefulset", "statefulsets"], "apps/v1/StatefulSet statefulsets namespaced"],
    [["ds", "daemonsets"], "apps/v1/DaemonSet daemonsets namespaced"],
    [["job", "jobs", "jobs.batch"], "batch/v1/Job jobs namespaced"],
    [["cj", "cronjob", "cronjobs"], "batch/v1/CronJob cronjobs namespaced"],
    [["hpa", "horizontalpodautoscalers"], "autoscaling/v2/HorizontalPodAutoscaler horizontalpodautoscalers namespaced"],
    [["ing", "ingress", "ingresses"], "networking.k8s.io/v1/Ingress ingresses namespaced"],
    [["pvc", "persistentvolumeclaims"], "/v1/PersistentVolumeClaim persistentvolumeclaims namespaced"],
    [["pv", "persistentvolumes"], "/v1/PersistentVolume persistentvolumes cluster"],
    [["sa", "serviceaccounts"], "/v1/ServiceAccount serviceaccounts namespaced"],
    [["endpointslices", "endpointslice"], "discovery.k8s.io/v1/EndpointSlice endpointslices namespaced"],
    [["events.events.k8s.io", "ev.events.k8s.io"], "events.k8s.io/v1/Event events namespaced"],
    [["crd", "crds", "customresourcedefinitions"], "apiextensions.k8s.io/v1/CustomResourceDefinition customresourcedefinitions cluster"],
  ])("%j", (names, expected) => {
    for (const name of names) expect(kind(name), name).toBe(expected);
  });

  it("refuses unknown names with kubectl's message, and kinds that cannot be listed", () => {
    expect(kind("x")).toBe('error: the server doesn\'t have a resource type "x"');
    expect(kind("deployments.batch")).toBe('error: the server doesn\'t have a resource type "deployments.batch"');
    expect(kind("bindings")).toBe('error: the server doesn\'t have a resource type "bindings"');
  });

  it("resolves custom kinds from the cluster's CRDs", () => {
    const crd: KubeObject = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: { group: "example.com", scope: "Cluster", names: { kind: "Widget", plural: "widgets", singular: "widget", shortNames: ["wd"] }, versions: [{ name: "v1alpha1", storage: true }] },
    };
    for (const name of ["wd", "widget", "widgets", "Widget", "widgets.example.com"]) expect(kind(name, [crd])).toBe("example.com/v1alpha1/Widget widgets cluster");
    expect(kind("wd")).toMatch(/^error/);
  });

  it("names types and resources as kubectl's messages do", () => {
    const deploy = resolveKind("deploy");
    const pod = resolveKind("po");
    if (!deploy.ok || !pod.ok) throw new Error("unresolved");
    expect(typeName(deploy.kind)).toBe("deployment.apps");
    expect(typeName(pod.kind)).toBe("pod");
    expect(qualifiedResourceName(deploy.kind)).toBe("deployments.apps");
    expect(qualifiedResourceName(pod.kind)).toBe("pods");
  });
});
