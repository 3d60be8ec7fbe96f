// ConfigMaps and Secrets a pod needs before its containers can start: environment variables
// (env valueFrom, envFrom) are resolved when a container is created, volumes when the pod's volumes
// are mounted. A missing object that is not `optional` blocks, with upstream's messages (the
// kubelet's watch-based object cache reports `configmap "x" not found`, singular).
import type { StoreReader } from "../store/store-api.js";
import type { ContainerSpec, KeyRef, VolumeSpec } from "./pod-model.js";

export type ConfigKind = "ConfigMap" | "Secret";

export interface ConfigObjectRef {
  kind: ConfigKind;
  namespace: string;
  name: string;
}

export interface ConfigProblem {
  /** What has to change for the problem to go away (watched). */
  ref: ConfigObjectRef;
  message: string;
}

export interface VolumeProblem extends ConfigProblem {
  volume: string;
}

const NOUN: Record<ConfigKind, string> = { ConfigMap: "configmap", Secret: "secret" };

function lookup(store: StoreReader, ref: ConfigObjectRef): Record<string, unknown> | undefined {
  return store.get({ group: "", kind: ref.kind, namespace: ref.namespace, name: ref.name });
}

function hasKey(object: Record<string, unknown>, key: string): boolean {
  for (const field of ["data", "binaryData", "stringData"]) {
    const values = object[field] as Record<string, unknown> | undefined;
    if (values && Object.hasOwn(values, key)) return true;
  }
  return false;
}

function notFound(ref: ConfigObjectRef): ConfigProblem {
  return { ref, message: `${NOUN[ref.kind]} "${ref.name}" not found` };
}

/** Why the container's environment cannot be built, or undefined when it can. */
export function containerConfigProblem(container: ContainerSpec, namespace: string, store: StoreReader): ConfigProblem | undefined {
  for (const source of container.envFrom ?? []) {
    const [kind, from] = source.configMapRef ? (["ConfigMap", source.configMapRef] as const) : source.secretRef ? (["Secret", source.secretRef] as const) : [];
    if (!kind || !from?.name) continue;
    const ref: ConfigObjectRef = { kind, namespace, name: from.name };
    if (!lookup(store, ref) && from.optional !== true) return notFound(ref);
  }
  for (const variable of container.env ?? []) {
    const valueFrom = variable.valueFrom;
    const [kind, keyRef] = valueFrom?.configMapKeyRef
      ? (["ConfigMap", valueFrom.configMapKeyRef] as const)
      : valueFrom?.secretKeyRef
        ? (["Secret", valueFrom.secretKeyRef] as const)
        : [];
    if (!kind || !keyRef?.name) continue;
    const problem = keyProblem(store, { kind, namespace, name: keyRef.name }, keyRef);
    if (problem) return problem;
  }
  return undefined;
}

function keyProblem(store: StoreReader, ref: ConfigObjectRef, keyRef: KeyRef): ConfigProblem | undefined {
  const object = lookup(store, ref);
  if (keyRef.optional === true) return undefined;
  if (!object) return notFound(ref);
  if (keyRef.key !== undefined && !hasKey(object, keyRef.key)) {
    return { ref, message: `couldn't find key ${keyRef.key} in ${ref.kind} ${ref.namespace}/${ref.name}` };
  }
  return undefined;
}

/** The first volume that cannot be mounted because its ConfigMap or Secret is missing. */
export function volumeProblem(volumes: readonly VolumeSpec[] | undefined, namespace: string, store: StoreReader): VolumeProblem | undefined {
  for (const volume of volumes ?? []) {
    const sources: Array<{ kind: ConfigKind; name?: string; optional?: boolean }> = [];
    if (volume.configMap) sources.push({ kind: "ConfigMap", ...volume.configMap });
    if (volume.secret) sources.push({ kind: "Secret", name: volume.secret.secretName, optional: volume.secret.optional });
    for (const source of volume.projected?.sources ?? []) {
      if (source.configMap) sources.push({ kind: "ConfigMap", ...source.configMap });
      if (source.secret) sources.push({ kind: "Secret", ...source.secret });
    }
    for (const source of sources) {
      if (!source.name || source.optional === true) continue;
      const ref: ConfigObjectRef = { kind: source.kind, namespace, name: source.name };
      if (!lookup(store, ref)) return { ...notFound(ref), volume: volume.name ?? "" };
    }
  }
  return undefined;
}
