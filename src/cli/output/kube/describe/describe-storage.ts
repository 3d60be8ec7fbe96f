// `kubectl describe` for PersistentVolumeClaims, PersistentVolumes and StorageClasses
// (describePersistentVolumeClaim, describePersistentVolume, describeStorageClass in kubectl's
// describe.go): the claim with the pods that use it, the volume with its node affinity and source,
// the class with its provisioner and policies.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { arr, compareStrings, formatLabels, rec, str, stringMap, strings, type Json } from "../fields.js";
import { humanDuration, rfc1123z } from "../human-duration.js";
import { accessModes, storageClassOf } from "../kind-tables.js";
import { parseTimestamp } from "../../../../runtime/clock/timestamps.js";
import { annotationsMultiline, describeEvents, labelsMultiline } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

export function describePersistentVolumeClaim(claim: KubeObject, source: DescribeSource, now: number): string {
  const o = claim as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${claim.metadata.name ?? ""}\n`);
  w.write(0, `Namespace:\t${claim.metadata.namespace ?? ""}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(o)}\n`);
  w.write(0, `Status:\t${statusText(o, now)}\n`);
  w.write(0, `Volume:\t${str(spec.volumeName)}\n`);
  labelsMultiline(w, "Labels", stringMap(claim.metadata.labels));
  annotationsMultiline(w, "Annotations", stringMap(claim.metadata.annotations));
  w.write(0, `Finalizers:\t[${(claim.metadata.finalizers ?? []).join(" ")}]\n`);
  const bound = str(spec.volumeName) !== "";
  w.write(0, `Capacity:\t${bound ? str(rec(status.capacity).storage) : ""}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(strings(status.accessModes)) : ""}\n`);
  if (spec.volumeMode !== undefined) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  if (spec.dataSource) {
    const dataSource = rec(spec.dataSource);
    w.write(0, "DataSource:\n");
    if (dataSource.apiGroup !== undefined) w.write(1, `APIGroup:\t${str(dataSource.apiGroup)}\n`);
    w.write(1, `Kind:\t${str(dataSource.kind)}\n`);
    w.write(1, `Name:\t${str(dataSource.name)}\n`);
  }
  podsMultiline(w, "Used By", usedBy(claim, source));
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  describeEvents(w, eventsFor(source, claim) as unknown as Json[], now);
  return w.toString();
}

export function describePersistentVolume(volume: KubeObject, source: DescribeSource, now: number): string {
  const o = volume as unknown as Json;
  const spec = rec(o.spec);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${volume.metadata.name ?? ""}\n`);
  labelsMultiline(w, "Labels", stringMap(volume.metadata.labels));
  annotationsMultiline(w, "Annotations", stringMap(volume.metadata.annotations));
  w.write(0, `Finalizers:\t[${(volume.metadata.finalizers ?? []).join(" ")}]\n`);
  w.write(0, `StorageClass:\t${storageClassOf(o)}\n`);
  w.write(0, `Status:\t${statusText(o, now)}\n`);
  const claimRef = spec.claimRef === undefined || spec.claimRef === null ? undefined : rec(spec.claimRef);
  w.write(0, `Claim:\t${claimRef ? `${str(claimRef.namespace)}/${str(claimRef.name)}` : ""}\n`);
  w.write(0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
  w.write(0, `Access Modes:\t${accessModes(strings(spec.accessModes))}\n`);
  if (spec.volumeMode !== undefined) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  w.write(0, `Capacity:\t${str(rec(spec.capacity).storage)}\n`);
  nodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${str(rec(o.status).message)}\n`);
  w.write(0, "Source:\n");
  volumeSource(w, spec);
  describeEvents(w, eventsFor(source, volume) as unknown as Json[], now);
  return w.toString();
}

export function describeStorageClass(storageClass: KubeObject, source: DescribeSource, now: number): string {
  const o = storageClass as unknown as Json;
  const annotations = stringMap(storageClass.metadata.annotations);
  const isDefault = annotations["storageclass.kubernetes.io/is-default-class"] === "true" || annotations["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  const w = new DescribeWriter();
  w.write(0, `Name:\t${storageClass.metadata.name ?? ""}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? "Yes" : "No"}\n`);
  w.write(0, `Annotations:\t${formatLabels(annotations)}\n`);
  w.write(0, `Provisioner:\t${str(o.provisioner)}\n`);
  w.write(0, `Parameters:\t${formatLabels(stringMap(o.parameters))}\n`);
  w.write(0, `AllowVolumeExpansion:\t${typeof o.allowVolumeExpansion === "boolean" ? (o.allowVolumeExpansion ? "True" : "False") : "<unset>"}\n`);
  const mountOptions = strings(o.mountOptions);
  if (mountOptions.length === 0) w.write(0, "MountOptions:\t<none>\n");
  else {
    w.write(0, "MountOptions:\n");
    for (const option of mountOptions) w.write(1, `${option}\n`);
  }
  if (o.reclaimPolicy !== undefined) w.write(0, `ReclaimPolicy:\t${str(o.reclaimPolicy)}\n`);
  if (o.volumeBindingMode !== undefined) w.write(0, `VolumeBindingMode:\t${str(o.volumeBindingMode)}\n`);
  const topologies = arr(o.allowedTopologies);
  if (topologies.length > 0) {
    w.write(0, "AllowedTopologies:\t\n");
    topologies.forEach((term, i) => {
      w.write(1, `Term ${i}:\t`);
      const expressions = arr(term.matchLabelExpressions);
      if (expressions.length === 0) w.write(0, "<none>\n");
      expressions.forEach((e, j) => {
        if (j !== 0) w.write(1, "\t");
        w.write(0, `${str(e.key)} in [${strings(e.values).join(", ")}]\n`);
      });
    });
  }
  describeEvents(w, eventsFor(source, storageClass) as unknown as Json[], now);
  return w.toString();
}

/** `Terminating (lasts 5s)` while being deleted, else the phase. */
function statusText(object: Json, now: number): string {
  const deletion = rec(object.metadata).deletionTimestamp;
  if (typeof deletion === "string") return `Terminating (lasts ${humanDuration(now - (parseTimestamp(deletion) ?? now))})`;
  return str(rec(object.status).phase);
}

/** The pods of the claim's namespace that name it in a volume (getPodsForPVC). */
function usedBy(claim: KubeObject, source: DescribeSource): string[] {
  const pods = source.list({ group: "", kind: "Pod", namespace: claim.metadata.namespace });
  const names: string[] = [];
  for (const pod of pods) {
    const volumes = arr(rec(pod.spec).volumes);
    for (const volume of volumes) if (str(rec(volume.persistentVolumeClaim).claimName) === claim.metadata.name) names.push(pod.metadata.name ?? "");
  }
  return names.sort(compareStrings);
}

function podsMultiline(w: DescribeWriter, title: string, names: string[]): void {
  w.write(0, `${title}:\t`);
  if (names.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  names.forEach((name, i) => {
    if (i !== 0) w.write(0, "\t");
    w.write(0, `${name}\n`);
  });
}

function nodeAffinity(w: DescribeWriter, affinity: unknown): void {
  w.write(0, "Node Affinity:\t");
  const required = rec(affinity).required;
  if (required === undefined || required === null) {
    w.write(0, "<none>\n");
    return;
  }
  w.write(0, "\n");
  const terms = arr(rec(required).nodeSelectorTerms);
  w.write(1, "Required Terms:\t");
  if (terms.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  w.write(0, "\n");
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const expressions = arr(term.matchExpressions);
    if (expressions.length === 0) {
      w.write(0, "<none>\n");
      return;
    }
    expressions.forEach((e, j) => {
      if (j !== 0) w.write(2, "\t");
      const values = strings(e.values);
      const text = `${str(e.key)} ${str(e.operator).toLowerCase()}`;
      w.write(0, `${values.length > 0 ? `${text} [${values.join(", ")}]` : text}\n`);
    });
  });
}

/** The volume's source, as the print…VolumeSource functions lay it out. */
function volumeSource(w: DescribeWriter, spec: Json): void {
  const line = (text: string): void => w.write(2, text);
  if (spec.hostPath) {
    const v = rec(spec.hostPath);
    line(`Type:\tHostPath (bare host directory volume)\n    Path:\t${str(v.path)}\n    HostPathType:\t${v.type === undefined ? "<none>" : str(v.type)}\n`);
  } else if (spec.gcePersistentDisk) {
    const v = rec(spec.gcePersistentDisk);
    line(`Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${str(v.pdName)}\n    FSType:\t${str(v.fsType)}\n    Partition:\t${goInt(v.partition)}\n    ReadOnly:\t${v.readOnly === true}\n`);
  } else if (spec.awsElasticBlockStore) {
    const v = rec(spec.awsElasticBlockStore);
    line(`Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${str(v.volumeID)}\n    FSType:\t${str(v.fsType)}\n    Partition:\t${goInt(v.partition)}\n    ReadOnly:\t${v.readOnly === true}\n`);
  } else if (spec.nfs) {
    const v = rec(spec.nfs);
    line(`Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(v.server)}\n    Path:\t${str(v.path)}\n    ReadOnly:\t${v.readOnly === true}\n`);
  } else if (spec.rbd) {
    const v = rec(spec.rbd);
    const secret = v.secretRef ? `&SecretReference{Name:${str(rec(v.secretRef).name)},Namespace:${str(rec(v.secretRef).namespace)},}` : "<nil>";
    line(
      `Type:\tRBD (a Rados Block Device mount on the host that shares a pod's lifetime)\n    CephMonitors:\t[${strings(v.monitors).join(" ")}]\n    RBDImage:\t${str(v.image)}\n    FSType:\t${str(v.fsType)}\n    RBDPool:\t${str(v.pool) || "rbd"}\n    RadosUser:\t${str(v.user) || "admin"}\n    Keyring:\t${str(v.keyring) || "/etc/ceph/keyring"}\n    SecretRef:\t${secret}\n    ReadOnly:\t${v.readOnly === true}\n`,
    );
  } else if (spec.local) {
    line(`Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(rec(spec.local).path)}\n`);
  } else if (spec.csi) {
    const v = rec(spec.csi);
    line(`Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(v.driver)}\n    FSType:\t${str(v.fsType)}\n    VolumeHandle:\t${str(v.volumeHandle)}\n    ReadOnly:\t${v.readOnly === true}\n`);
    const attributes = stringMap(v.volumeAttributes);
    const keys = Object.keys(attributes).sort(compareStrings);
    line("VolumeAttributes:\t");
    if (keys.length === 0) w.write(0, "<none>\n");
    keys.forEach((key, i) => {
      if (i !== 0) line("\t");
      const text = `${key}=${attributes[key]}`;
      w.write(0, `${text.length > 140 ? `${text.slice(0, 140)}...` : text}\n`);
    });
  } else {
    w.write(1, "<unknown>\n");
  }
}

function goInt(value: unknown): string {
  return typeof value === "number" ? String(value) : "0";
}

