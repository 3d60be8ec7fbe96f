// Settings and TypeScript policies for the policy stage, from drydock.yaml's policy section and the
// policy folder's files. TypeScript is loaded only when there are policy files.
import { BUILTIN_RULES } from "../policy/builtin-catalog.js";
import { policySettingsFrom, type PolicyConfigSection } from "../policy/policy-settings.js";
import type { PolicyCompileStore } from "../policy/custom/compile-store.js";
import type { PolicyFile } from "./policy-files.js";
import type { PolicyStageOptions } from "./policy-stage.js";

export interface PolicyLoadRequest {
  section: PolicyConfigSection;
  /** The policy folder's `.ts` files. */
  files: readonly PolicyFile[];
  exemptions: boolean;
  drydockVersion: string;
  store?: PolicyCompileStore;
}

export async function loadPolicyStage(request: PolicyLoadRequest): Promise<PolicyStageOptions> {
  const settings = policySettingsFrom(request.section, { exemptions: request.exemptions });
  if (request.files.length === 0) return { settings, custom: [], findings: [] };
  const { loadPolicies } = await import("../policy/custom/index.js");
  const decoder = new TextDecoder();
  const { policies, findings } = await loadPolicies(
    request.files.map((f) => ({ path: f.display, text: decoder.decode(f.bytes) })),
    { drydockVersion: request.drydockVersion, store: request.store, reservedIds: new Set(BUILTIN_RULES.map((r) => r.id)), timeoutMs: settings.timeoutMs },
  );
  return { settings, custom: policies, findings };
}
