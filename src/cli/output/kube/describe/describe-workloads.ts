// `kubectl describe deployment` and `kubectl describe replicaset` (describeDeployment,
// describeReplicaSet).
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { matchesLabelSelector, type LabelSelector } from "../../../../kube/label-selector.js";
import { arr, compareStrings, intOrString, num, rec, str, stringMap, type Json } from "../fields.js";
import { selectorString } from "../kind-tables.js";
import { controlledBy, creationTimestamp, describeEvents, labelsAndAnnotations, nameAndNamespace, podTemplate } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

const TEMPLATE_HASH = "pod-template-hash";

export function describeDeployment(deployment: KubeObject, source: DescribeSource, now: number): string {
  const o = deployment as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  creationTimestamp(w, o);
  labelsAndAnnotations(w, o);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  const desired = typeof spec.replicas === "number" ? spec.replicas : 1;
  w.write(0, `Replicas:\t${desired} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
  const strategy = rec(spec.strategy);
  w.write(0, `StrategyType:\t${str(strategy.type) || "RollingUpdate"}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  if (strategy.rollingUpdate || !strategy.type || strategy.type === "RollingUpdate") {
    const ru = rec(strategy.rollingUpdate);
    w.write(0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable ?? "25%")} max unavailable, ${intOrString(ru.maxSurge ?? "25%")} max surge\n`);
  }
  podTemplate(w, rec(spec.template));
  conditionsTable(w, arr(status.conditions));
  const { oldSets, newSet } = replicaSetsOf(deployment, source);
  if (oldSets.length > 0 || newSet) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(oldSets)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetList(newSet ? [newSet] : [])}\n`);
  }
  describeEvents(w, eventsFor(source, deployment) as unknown as Json[], now);
  return w.toString();
}

export function describeReplicaSet(replicaSet: KubeObject, source: DescribeSource, now: number): string {
  const o = replicaSet as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsAndAnnotations(w, o);
  controlledBy(w, o);
  w.write(0, `Replicas:\t${num(status.replicas)} current / ${typeof spec.replicas === "number" ? spec.replicas : 1} desired\n`);
  podsStatus(w, replicaSet, source);
  podTemplate(w, rec(spec.template));
  conditionsTable(w, arr(status.conditions));
  describeEvents(w, eventsFor(source, replicaSet) as unknown as Json[], now);
  return w.toString();
}

function conditionsTable(w: DescribeWriter, conditions: Json[]): void {
  if (conditions.length === 0) return;
  w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(1, "----\t------\t------\n");
  for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

function replicaSetList(sets: KubeObject[]): string {
  const text = sets
    .map((rs) => {
      const o = rs as unknown as Json;
      const desired = rec(o.spec).replicas;
      return `${rs.metadata.name ?? ""} (${num(rec(o.status).replicas)}/${typeof desired === "number" ? desired : 1} replicas created)`;
    })
    .join(", ");
  return text === "" ? "<none>" : text;
}

/** The deployment's ReplicaSets: the one whose template equals the deployment's (ignoring the hash label) and the rest. */
export function replicaSetsOf(deployment: KubeObject, source: DescribeSource): { oldSets: KubeObject[]; newSet: KubeObject | undefined } {
  const owned = source
    .list({ group: "apps", kind: "ReplicaSet", namespace: deployment.metadata.namespace })
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === deployment.metadata.uid));
  const template = canonicalTemplate(rec(rec(rec(deployment as unknown as Json).spec).template));
  // The oldest matching set is the new one, as FindNewReplicaSet sorts by creation first.
  const byAge = [...owned].sort((a, b) => compareStrings(String(a.metadata.creationTimestamp ?? ""), String(b.metadata.creationTimestamp ?? "")) || compareStrings(a.metadata.name ?? "", b.metadata.name ?? ""));
  const newSet = byAge.find((rs) => canonicalTemplate(rec(rec(rec(rs as unknown as Json).spec).template)) === template);
  return { oldSets: owned.filter((rs) => rs !== newSet), newSet };
}

function canonicalTemplate(template: Json): string {
  const copy = structuredClone(template);
  const labels = rec(rec(copy.metadata).labels);
  delete labels[TEMPLATE_HASH];
  return JSON.stringify(sorted(copy));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      // An empty map and an absent one are the same template.
      if (child === undefined || (child !== null && typeof child === "object" && !Array.isArray(child) && Object.keys(child).length === 0)) continue;
      out[key] = sorted(child);
    }
    return out;
  }
  return value;
}

/** The `Pods Status:` line of a pod controller: its pods by phase. */
export function podsStatus(w: DescribeWriter, owner: KubeObject, source: DescribeSource): void {
  const counts = podPhaseCounts(owner, source);
  w.write(0, `Pods Status:\t${counts.running} Running / ${counts.waiting} Waiting / ${counts.succeeded} Succeeded / ${counts.failed} Failed\n`);
}

/** Running / Waiting / Succeeded / Failed pods the controller owns (getPodStatusForController). */
function podPhaseCounts(owner: KubeObject, source: DescribeSource): { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  const selector = rec(rec(owner as unknown as Json).spec).selector as LabelSelector | undefined;
  for (const pod of source.list({ group: "", kind: "Pod", namespace: owner.metadata.namespace })) {
    if (selector && !matchesLabelSelector(selector, stringMap(pod.metadata.labels))) continue;
    if (!(pod.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid)) continue;
    switch (str(rec(pod.status).phase)) {
      case "Running":
        counts.running++;
        break;
      case "Pending":
        counts.waiting++;
        break;
      case "Succeeded":
        counts.succeeded++;
        break;
      case "Failed":
        counts.failed++;
        break;
    }
  }
  return counts;
}
