// Label selectors as the objects write them, read defensively and shown the way kubectl shows them.
import type { LabelSelector, LabelSelectorRequirement } from "../../kube/label-selector.js";
import { asArray, asRecord, asString, field, stringMap } from "./fields.js";

/**
 * A metav1.LabelSelector (PodDisruptionBudget, Deployment). Malformed requirements are kept with an
 * operator nothing matches, so a broken selector never matches more than it says.
 */
export function labelSelectorOf(value: unknown): LabelSelector | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const matchExpressions: LabelSelectorRequirement[] = asArray(record.matchExpressions).map((entry) => {
    const req = asRecord(entry);
    return {
      key: asString(req?.key) ?? "",
      operator: asString(req?.operator) ?? "",
      values: asArray(req?.values).filter((v): v is string => typeof v === "string"),
    };
  });
  return { matchLabels: stringMap(record.matchLabels), matchExpressions };
}

/**
 * A Service's selector, when the Service has one that Kubernetes manages endpoints for. Services
 * without a selector (endpoints managed by hand) and ExternalName Services select no pods by design.
 */
export function serviceSelectorOf(service: unknown): Readonly<Record<string, string>> | undefined {
  if (field(service, "spec", "type") === "ExternalName") return undefined;
  const selector = stringMap(field(service, "spec", "selector"));
  return Object.keys(selector).length === 0 ? undefined : selector;
}

/** `app=web,tier in (a, b),!legacy` — kubectl's notation. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(", ");
    switch (req.operator) {
      case "In":
        parts.push(`${req.key} in (${values})`);
        break;
      case "NotIn":
        parts.push(`${req.key} notin (${values})`);
        break;
      case "Exists":
        parts.push(req.key);
        break;
      case "DoesNotExist":
        parts.push(`!${req.key}`);
        break;
      default:
        parts.push(`${req.key} ${req.operator || "?"} (${values})`);
    }
  }
  return parts.length === 0 ? "(everything)" : parts.join(",");
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? "(no labels)" : entries.map(([k, v]) => `${k}=${v}`).join(",");
}
