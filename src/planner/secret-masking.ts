// The planner's own guard for Secret values. The diff masks them already; this makes sure that no
// diff, however written, lets a value reach a plan, a terminal or a PR comment. The masks are the
// diff's (src/diff/secret-mask.ts): runs of "+", longer for a changed value.
import type { FieldChange } from "../diff/field-change.js";
import { carriesSecretValues, maskChange } from "../diff/secret-mask.js";
import type { ResourceKey } from "../manifests/resource-key.js";

const LAST_APPLIED_PATH = "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration";

export function isSecret(key: ResourceKey): boolean {
  return key.group === "" && key.kind === "Secret";
}

/** The last-applied annotation repeats every value of the Secret. */
function isSensitivePath(path: string): boolean {
  return carriesSecretValues(path) || path === LAST_APPLIED_PATH;
}

/** Changes of a Secret with every sensitive value not yet masked replaced by a mask. */
export function maskSecretChanges(key: ResourceKey, changes: readonly FieldChange[]): FieldChange[] {
  if (!isSecret(key)) return [...changes];
  return changes.map((change) => (change.masked || !isSensitivePath(change.path) ? change : maskChange(change)));
}
