// What the engine and the CLI use of TypeScript policies.
export type { CompiledPolicy, ForbiddenImport, PolicyCompileStore, PolicyDiagnostic, SourcePosition } from "./compile-store.js";
export type { PolicySource } from "./compile-policies.js";
export { loadPolicies, type CustomPolicy, type LoadedPolicy, type LoadPoliciesOptions, type LoadPoliciesResult } from "./load-policies.js";
export { POLICY_FILE_RULES } from "./policy-file-findings.js";
export { POLICY_ID } from "./policy-definition.js";
export { parseMatch, policyMatches, type PolicyMatchSpec } from "./policy-match.js";
export type { PolicyCallViolation, RunOptions, RunResult } from "./run-policy.js";
