// Values printed the way the API server's field errors print them (Go's %#v for maps and structs),
// so validation messages read exactly like a real cluster's.
import type { LabelSelector } from "../../kube/label-selector.js";

/** `map[string]string{"app":"web", "tier":"front"}`, keys sorted; `map[string]string(nil)` when absent. */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (map === undefined) return "map[string]string(nil)";
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
  return `map[string]string{${entries.join(", ")}}`;
}

function goStrings(values: readonly string[] | undefined): string {
  return values === undefined ? "[]string(nil)" : `[]string{${values.map((v) => JSON.stringify(v)).join(", ")}}`;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` */
export function goLabelSelector(selector: LabelSelector): string {
  const expressions =
    selector.matchExpressions === undefined
      ? "[]v1.LabelSelectorRequirement(nil)"
      : `[]v1.LabelSelectorRequirement{${selector.matchExpressions
          .map((r) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(r.key)}, Operator:${JSON.stringify(r.operator)}, Values:${goStrings(r.values)}}`)
          .join(", ")}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${expressions}}`;
}
