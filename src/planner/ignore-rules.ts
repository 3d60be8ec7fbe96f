// drydock.yaml sync.ignoreDifferences: which JSON pointers the diff leaves out for one object.

import type { ResourceKey } from "../manifests/resource-key.js";
import type { IgnoreRule } from "./plan-types.js";

export function ignoredPointers(rules: readonly IgnoreRule[], key: ResourceKey): string[] {
  const pointers = new Set<string>();
  for (const rule of rules) {
    if (ruleMatches(rule, key)) for (const pointer of rule.jsonPointers) pointers.add(pointer);
  }
  return [...pointers];
}

function ruleMatches(rule: IgnoreRule, key: ResourceKey): boolean {
  return (
    rule.kind === key.kind &&
    (rule.group === undefined || rule.group === key.group) &&
    (rule.name === undefined || rule.name === key.name) &&
    (rule.namespace === undefined || rule.namespace === key.namespace)
  );
}
