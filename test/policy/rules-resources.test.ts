import { describe, expect, it } from "vitest";
import { deployment, policyResources, runRule, where } from "./policy-helpers.js";

const NONE = deployment();
const FULL = deployment({ container: `resources:\n  requests: {cpu: 100m, memory: 128Mi}\n  limits: {memory: 256Mi}` });
const LIMITS_ONLY = deployment({ container: `resources:\n  limits: {cpu: 500m, memory: 256Mi}` });
const EMPTY_RESOURCES = deployment({ container: `resources: {}` });

const LIMIT_RANGE = `apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 512Mi}`;

describe.each([
  ["cpu-requests-missing", "has no CPU request"],
  ["memory-requests-missing", "has no memory request"],
  ["memory-limit-missing", "has no memory limit"],
])("policy/%s", (id, phrase) => {
  it("reports a container without resources at the container", () => {
    const found = runRule(id, NONE);
    expect(where(found)).toEqual(["Deployment/web /spec/template/spec/containers/0"]);
    expect(found[0].message).toContain(`container "web" ${phrase}`);
  });

  it("reports at resources when the container has that field", () => {
    expect(where(runRule(id, EMPTY_RESOURCES))).toEqual(["Deployment/web /spec/template/spec/containers/0/resources"]);
  });

  it("accepts a container that sets it", () => {
    expect(runRule(id, FULL)).toEqual([]);
  });

  it("accepts containers in a namespace whose LimitRange fills it in", () => {
    expect(runRule(id, NONE, { others: policyResources(LIMIT_RANGE) })).toEqual([]);
  });

  it("checks init containers too", () => {
    const found = runRule(id, deployment({ pod: `initContainers:\n  - name: migrate\n    image: app:1`, container: `resources:\n  requests: {cpu: 1m, memory: 1Mi}\n  limits: {memory: 1Mi}` }));
    expect(where(found)).toEqual(["Deployment/web /spec/template/spec/initContainers/0"]);
    expect(found[0].message).toContain('init container "migrate"');
  });
});

describe("requests and limits", () => {
  it("counts a limit as the request, since the API server defaults one to the other", () => {
    expect(runRule("cpu-requests-missing", LIMITS_ONLY)).toEqual([]);
    expect(runRule("memory-requests-missing", LIMITS_ONLY)).toEqual([]);
  });

  it("does not count a memory request as a limit", () => {
    expect(runRule("memory-limit-missing", deployment({ container: `resources:\n  requests: {memory: 128Mi}` }))).toHaveLength(1);
  });

  it("reads null and empty values as not set", () => {
    expect(runRule("cpu-requests-missing", deployment({ container: `resources:\n  requests: {cpu: null}\n  limits: {cpu: ""}` }))).toHaveLength(1);
  });
});
