// Problems of the policy files themselves, reported at the policy file rather than at a manifest.
import type { Finding } from "../../findings/finding.js";
import type { PolicyDiagnostic, SourcePosition } from "./compile-store.js";

export const POLICY_FILE_RULES = {
  typeError: "policy-file/type-error",
  invalid: "policy-file/invalid",
  threw: "policy-file/threw",
  timeout: "policy-file/timeout",
} as const;

export function typeErrorFinding(file: string, d: PolicyDiagnostic): Finding {
  return {
    severity: "error",
    rule: POLICY_FILE_RULES.typeError,
    message: d.message,
    file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    hint: "fix the type error; a policy that does not type-check does not run",
  };
}

export function invalidFinding(file: string, at: SourcePosition | undefined, message: string, hint?: string): Finding {
  return { severity: "error", rule: POLICY_FILE_RULES.invalid, message, file, ...at, ...(hint ? { hint } : {}) };
}

export function importFinding(file: string, at: SourcePosition | undefined, module: string): Finding {
  return invalidFinding(file, at, `policies cannot import ${module}; they run isolated`, "only drydock/policy and type imports from kubernetes-types are available");
}

export function threwFinding(file: string, at: SourcePosition | undefined, message: string): Finding {
  return {
    severity: "error",
    rule: POLICY_FILE_RULES.threw,
    message,
    file,
    ...at,
    hint: "read fields defensively: resources can be any shape their YAML allows",
  };
}

export function timeoutFinding(file: string, at: SourcePosition | undefined, message: string): Finding {
  return {
    severity: "error",
    rule: POLICY_FILE_RULES.timeout,
    message,
    file,
    ...at,
    hint: "make the policy faster, or raise policy.timeout in drydock.yaml",
  };
}
