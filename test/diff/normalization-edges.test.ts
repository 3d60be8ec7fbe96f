// Cases at the edges of normalization and list handling, beyond the everyday ones.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffObject, ownedPaths, SECRET_MASK, type JsonObject } from "../../src/diff/index.js";

describe("normalization edges", () => {
  it("Endpoints: shuffled addresses and ports are no change; a different address is", () => {
    const endpoints = (ips: string[], ports: unknown[]): JsonObject => ({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "solr" },
      subsets: [{ addresses: ips.map((ip) => ({ ip })), ports }],
    });
    const desired = endpoints(["10.0.0.1", "10.0.0.2", "10.0.0.3"], [{ name: "http", port: 8080 }, { name: "https", port: 8443 }]);
    const live = endpoints(["10.0.0.3", "10.0.0.1", "10.0.0.2"], [{ name: "https", port: 8443, protocol: "TCP" }, { name: "http", port: 8080, protocol: "TCP" }]);
    expect(diffObject(desired, live)).toEqual([]);
    const moved = endpoints(["10.0.0.3", "10.0.0.1", "10.0.0.9"], [{ name: "https", port: 8443 }, { name: "http", port: 8080 }]);
    expect(diffObject(desired, moved).map((c) => c.path)).toEqual(["/subsets"]);
  });

  it("atomic list: an owned field dropped inside an item changes the whole list", () => {
    const before = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }] } };
    const desired = structuredClone(before) as any;
    delete desired.spec.tolerations[0].effect;
    const changes = diffObject(desired, before, { owned: ownedPaths(before) });
    expect(changes).toEqual([{ path: "/spec/tolerations", before: before.spec.tolerations, after: desired.spec.tolerations }]);
  });

  it("a keyed list with duplicate keys in the manifest falls back to positional compare", () => {
    const pod = (env: unknown[]): JsonObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", env }] } });
    const env = [{ name: "A", value: "1" }, { name: "A", value: "2" }];
    expect(diffObject(pod(env), pod(env))).toEqual([]);
    expect(diffObject(pod(env), pod([...env].reverse())).map((c) => c.path)).toEqual(["/spec/containers/0/env"]);
  });

  it("webhooks are keyed by name in webhook configurations; server defaults inside are no change", () => {
    const config = (webhooks: unknown[]): JsonObject => ({ apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration", metadata: { name: "v" }, webhooks });
    const a = { name: "a.example.com", rules: [{ operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"] }] };
    const b = { name: "b.example.com", sideEffects: "None" };
    const liveA = { ...a, rules: [{ ...a.rules[0], scope: "*" }], timeoutSeconds: 10, failurePolicy: "Fail" };
    expect(diffObject(config([a, b]), config([b, liveA]))).toEqual([]);
  });

  it("an ignored list item is neither added nor removed", () => {
    const before = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] } };
    const desired = { ...before, spec: { containers: [{ name: "a", image: "x" }, { name: "c", image: "z" }] } };
    const owned = ownedPaths(before);
    expect(diffObject(desired, before, { owned }).map((c) => c.path)).toEqual(["/spec/containers/1", "/spec/containers/1"]);
    expect(diffObject(desired, before, { owned, ignore: ["/spec/containers/name=b", "/spec/containers/name=c"] })).toEqual([]);
  });
});

describe("properties", () => {
  const json = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<unknown>;
  const object = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), json, { maxKeys: 5 });

  it("an object never differs from itself (as desired, live and owned set)", () => {
    fc.assert(
      fc.property(object, (spec) => {
        const o: JsonObject = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec };
        expect(diffObject(o, structuredClone(o), { owned: ownedPaths(o) })).toEqual([]);
      }),
    );
  });

  it("no Secret value, nor its base64, appears in the changes", () => {
    const value = fc.string({ minLength: 8, maxLength: 20 }).filter((s) => !/^\+*$/.test(s));
    const data = fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), value, { maxKeys: 4 });
    fc.assert(
      fc.property(data, data, data, (stringData, liveData, ownedData) => {
        const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
        const secret = (fields: JsonObject): JsonObject => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, ...fields });
        const encode = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, b64(v)]));
        const owned = ownedPaths(secret({ data: encode(ownedData) }));
        const changes = diffObject(secret({ stringData }), secret({ data: encode(liveData) }), { owned });
        const text = JSON.stringify(changes);
        for (const v of [...Object.values(stringData), ...Object.values(liveData), ...Object.values(ownedData)]) {
          expect(text).not.toContain(JSON.stringify(v).slice(1, -1));
          expect(text).not.toContain(b64(v));
        }
        for (const change of changes) expect(change.masked).toBe(true);
        expect(SECRET_MASK).toMatch(/^\++$/);
      }),
    );
  });
});
