// The objects a pod needs by name: ConfigMaps and Secrets (volumes, env, envFrom, image pull
// secrets), PersistentVolumeClaims and its ServiceAccount. Each comes with the pointer to the name
// field, so a finding lands on the exact line to fix.
import { containersOf, type PodTemplate } from "../pod-templates.js";
import { asArray, asName, asRecord, type Mapping } from "./fields.js";

export type ReferencedKind = "ConfigMap" | "Secret" | "PersistentVolumeClaim" | "ServiceAccount";

export interface KeyReference {
  key: string;
  pointer: string;
}

export interface PodReference {
  kind: ReferencedKind;
  name: string;
  /** JSON pointer to the name field. */
  pointer: string;
  /** How the pod uses the object: `volume "config"`, `env DB_URL of container "app"`. */
  via: string;
  /** `optional: true`: the pod starts without the object. */
  optional: boolean;
  /** Keys read from a ConfigMap or Secret (env valueFrom, volume items). */
  keys: KeyReference[];
  /** What happens while the object is missing. */
  effect: string;
}

const ENV_EFFECT = "the container cannot start (CreateContainerConfigError)";
const VOLUME_EFFECT = "the pod cannot start, as the volume does not mount";

function itemKeys(items: unknown, pointer: string): KeyReference[] {
  return asArray(items).flatMap((item, i) => {
    const key = asName(asRecord(item)?.key);
    return key === undefined ? [] : [{ key, pointer: `${pointer}/items/${i}/key` }];
  });
}

function reference(
  kind: ReferencedKind,
  source: Mapping | undefined,
  nameField: string,
  pointer: string,
  details: { via: string; effect: string; keys?: KeyReference[] },
): PodReference[] {
  const name = asName(source?.[nameField]);
  if (!source || name === undefined) return [];
  return [{ kind, name, pointer: `${pointer}/${nameField}`, optional: source.optional === true, keys: details.keys ?? [], via: details.via, effect: details.effect }];
}

function volumeReferences(template: PodTemplate): PodReference[] {
  return asArray(template.spec.volumes).flatMap((value, i) => {
    const volume = asRecord(value);
    if (!volume) return [];
    const at = `${template.pointer}/volumes/${i}`;
    const name = asName(volume.name);
    const via = name === undefined ? `volume volumes[${i}]` : `volume ${JSON.stringify(name)}`;
    const configMap = asRecord(volume.configMap);
    const secret = asRecord(volume.secret);
    const claim = asRecord(volume.persistentVolumeClaim);
    const out: PodReference[] = [
      ...reference("ConfigMap", configMap, "name", `${at}/configMap`, { via, effect: VOLUME_EFFECT, keys: itemKeys(configMap?.items, `${at}/configMap`) }),
      ...reference("Secret", secret, "secretName", `${at}/secret`, { via, effect: VOLUME_EFFECT, keys: itemKeys(secret?.items, `${at}/secret`) }),
      ...reference("PersistentVolumeClaim", claim, "claimName", `${at}/persistentVolumeClaim`, {
        via,
        effect: "the pod stays Pending until the claim exists",
      }),
    ];
    asArray(asRecord(volume.projected)?.sources).forEach((sourceValue, j) => {
      const source = asRecord(sourceValue);
      const sourceAt = `${at}/projected/sources/${j}`;
      const projectedConfigMap = asRecord(source?.configMap);
      const projectedSecret = asRecord(source?.secret);
      out.push(
        ...reference("ConfigMap", projectedConfigMap, "name", `${sourceAt}/configMap`, {
          via,
          effect: VOLUME_EFFECT,
          keys: itemKeys(projectedConfigMap?.items, `${sourceAt}/configMap`),
        }),
        ...reference("Secret", projectedSecret, "name", `${sourceAt}/secret`, { via, effect: VOLUME_EFFECT, keys: itemKeys(projectedSecret?.items, `${sourceAt}/secret`) }),
      );
    });
    return out;
  });
}

function containerReferences(template: PodTemplate): PodReference[] {
  const out: PodReference[] = [];
  for (const { container, pointer, label } of containersOf(template, { ephemeral: true })) {
    asArray(container.envFrom).forEach((value, k) => {
      const source = asRecord(value);
      const via = `envFrom of ${label}`;
      out.push(
        ...reference("ConfigMap", asRecord(source?.configMapRef), "name", `${pointer}/envFrom/${k}/configMapRef`, { via, effect: ENV_EFFECT }),
        ...reference("Secret", asRecord(source?.secretRef), "name", `${pointer}/envFrom/${k}/secretRef`, { via, effect: ENV_EFFECT }),
      );
    });
    asArray(container.env).forEach((value, k) => {
      const env = asRecord(value);
      const valueFrom = asRecord(env?.valueFrom);
      if (!valueFrom) return;
      const variable = asName(env?.name);
      const via = `env ${variable ?? `env[${k}]`} of ${label}`;
      for (const [kind, refField] of [
        ["ConfigMap", "configMapKeyRef"],
        ["Secret", "secretKeyRef"],
      ] as const) {
        const ref = asRecord(valueFrom[refField]);
        const at = `${pointer}/env/${k}/valueFrom/${refField}`;
        const key = asName(ref?.key);
        const keys = key === undefined ? [] : [{ key, pointer: `${at}/key` }];
        out.push(...reference(kind, ref, "name", at, { via, effect: ENV_EFFECT, keys }));
      }
    });
  }
  return out;
}

function podReferencesOfSpec(template: PodTemplate): PodReference[] {
  const out: PodReference[] = [];
  asArray(template.spec.imagePullSecrets).forEach((value, i) => {
    out.push(
      ...reference("Secret", asRecord(value), "name", `${template.pointer}/imagePullSecrets/${i}`, {
        via: "imagePullSecrets",
        effect: "images from private registries fail to pull (ImagePullBackOff)",
      }),
    );
  });
  // serviceAccountName wins over the deprecated serviceAccount when both are set.
  const accountField = asName(template.spec.serviceAccountName) !== undefined ? "serviceAccountName" : "serviceAccount";
  out.push(
    ...reference("ServiceAccount", template.spec, accountField, template.pointer, {
      via: accountField,
      effect: "the API server refuses to create the pods until it exists",
    }).map((ref) => ({ ...ref, optional: false })),
  );
  return out;
}

/** Every object the pod refers to by name: volumes, then containers, then imagePullSecrets and the ServiceAccount. */
export function podReferences(template: PodTemplate): PodReference[] {
  return [...volumeReferences(template), ...containerReferences(template), ...podReferencesOfSpec(template)];
}
