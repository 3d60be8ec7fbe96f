// Which lists are keyed, and by what: the strategic-merge / server-side-apply list keys of the
// Kubernetes API (`patchMergeKey` / `listMapKeys` in k8s.io/api). Keyed lists are compared item by
// item regardless of order, so a reordered env or a sidecar injected by a webhook is not a change.
// Lists not listed here are atomic (compared as a whole, position by position).
//
// Keyed items are addressed in owned paths by a segment `field=value` (several fields joined by
// ","), values percent-encoded so that "/", "," and "=" inside a value (mountPath!) stay unambiguous:
//   /spec/template/spec/containers/name=web/image
//   /spec/template/spec/containers/name=web/volumeMounts/mountPath=%2Fdata/readOnly
//   /spec/ports/port=80,protocol=TCP/targetPort

export interface KeyField {
  name: string;
  /** The API-server default, used when an item omits the field (protocol: TCP). */
  defaultValue?: string | number;
}

export type ListKey = readonly KeyField[];

const NAME: ListKey = [{ name: "name" }];
const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

// Keyed by the list's own field name wherever it appears (pod specs are embedded in many kinds).
const BY_FIELD: Record<string, ListKey> = {
  containers: NAME,
  initContainers: NAME,
  ephemeralContainers: NAME,
  volumes: NAME,
  env: NAME,
  imagePullSecrets: NAME,
  resourceClaims: NAME,
  volumeMounts: [{ name: "mountPath" }],
  volumeDevices: [{ name: "devicePath" }],
  hostAliases: [{ name: "ip" }],
  ownerReferences: [{ name: "uid" }],
  conditions: [{ name: "type" }],
  readinessGates: [{ name: "conditionType" }],
  topologySpreadConstraints: [{ name: "topologyKey" }, { name: "whenUnsatisfiable" }],
};

// Webhook configurations key their `webhooks` by name; elsewhere "webhooks" is unknown, so atomic.
const WEBHOOK_KINDS = new Set(["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]);

/**
 * The key of the list at `tokens` (raw owned-path tokens from the object root) in an object of
 * `kind`, or undefined when the list is atomic.
 */
export function listKeyFor(kind: string, tokens: readonly string[]): ListKey | undefined {
  const field = tokens[tokens.length - 1];
  if (field === "ports") {
    // Upstream's SSA keys are containerPort+protocol and port+protocol; protocol defaults to TCP.
    // (Strategic merge uses containerPort / port alone, which conflates 53/TCP and 53/UDP.)
    if (CONTAINER_LISTS.has(tokens[tokens.length - 3] ?? "")) {
      return [{ name: "containerPort" }, { name: "protocol", defaultValue: "TCP" }];
    }
    if (kind === "Service" && tokens.length === 2 && tokens[0] === "spec") {
      return [{ name: "port" }, { name: "protocol", defaultValue: "TCP" }];
    }
    return undefined; // Endpoints ports and others: atomic (Endpoints are sorted in normalization)
  }
  if (field === "webhooks") return WEBHOOK_KINDS.has(kind) ? NAME : undefined;
  if (field === "secrets") return kind === "ServiceAccount" && tokens.length === 1 ? NAME : undefined;
  return Object.hasOwn(BY_FIELD, field) ? BY_FIELD[field] : undefined;
}

/** The owned-path segment of a keyed item, or undefined when the item lacks a key field. */
export function itemKeySegment(item: unknown, key: ListKey): string | undefined {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return undefined;
  const parts: string[] = [];
  for (const field of key) {
    const value = (item as Record<string, unknown>)[field.name] ?? field.defaultValue;
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    parts.push(`${field.name}=${encodeURIComponent(String(value))}`);
  }
  return parts.join(",");
}

/**
 * The key segment of every item, or undefined when the list cannot be keyed (an item without its
 * key, or — on the desired side — two items with one key): such lists fall back to atomic compare
 * rather than guessing which duplicate is meant.
 */
export function keySegments(items: readonly unknown[], key: ListKey, requireUnique: boolean): string[] | undefined {
  const segments: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const segment = itemKeySegment(item, key);
    if (segment === undefined) return undefined;
    if (requireUnique && seen.has(segment)) return undefined;
    seen.add(segment);
    segments.push(segment);
  }
  return segments;
}
