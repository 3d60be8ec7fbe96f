// Per-object exemptions: `drydock.dev/ignore: "latest-tag, run-as-root"`, with the reason in
// `drydock.dev/ignore-reason`. An exempted finding is not dropped: it is counted and listed.
import { bareRuleId } from "./policy-settings.js";

export const IGNORE_ANNOTATION = "drydock.dev/ignore";
export const IGNORE_REASON_ANNOTATION = "drydock.dev/ignore-reason";

export interface ObjectExemptions {
  /** Rule ids, without the `policy/` prefix. */
  rules: Set<string>;
  reason?: string;
}

/** The exemptions an object declares; undefined when it declares none. */
export function objectExemptions(object: Readonly<Record<string, unknown>>): ObjectExemptions | undefined {
  const annotations = (object.metadata as { annotations?: unknown } | undefined)?.annotations;
  if (typeof annotations !== "object" || annotations === null) return undefined;
  const list = (annotations as Record<string, unknown>)[IGNORE_ANNOTATION];
  if (typeof list !== "string") return undefined;
  const rules = new Set(
    list
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map(bareRuleId),
  );
  if (rules.size === 0) return undefined;
  const reason = (annotations as Record<string, unknown>)[IGNORE_REASON_ANNOTATION];
  return { rules, reason: typeof reason === "string" && reason.trim() !== "" ? reason.trim() : undefined };
}
