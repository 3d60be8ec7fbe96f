import { describe, expect, it } from "vitest";
import { diffObject, maskSecret, ownedPaths, type JsonObject } from "../../src/diff/index.js";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const secret = (fields: JsonObject): JsonObject => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "shop" }, type: "Opaque", ...fields });

describe("Secrets", () => {
  it("stringData in the manifest equals the same value base64 in live data", () => {
    const live = secret({ data: { password: b64("s3cr3t-pa55"), user: b64("admin") } });
    expect(diffObject(secret({ stringData: { password: "s3cr3t-pa55" }, data: { user: b64("admin") } }), live)).toEqual([]);
  });

  it("a changed stringData value: one masked change at /stringData/<key>, no value nor base64 anywhere", () => {
    const live = secret({ data: { password: b64("old-value-1") } });
    const changes = diffObject(secret({ stringData: { password: "new-value-2" } }), live);
    expect(changes).toEqual([{ path: "/stringData/password", before: "++++++++", after: "+++++++++", masked: true }]);
    const text = JSON.stringify(changes);
    for (const leaked of ["old-value-1", "new-value-2", b64("old-value-1"), b64("new-value-2")]) expect(text).not.toContain(leaked);
  });

  it("added, removed and whole-map changes under /data are masked too", () => {
    const before = secret({ data: { a: b64("alpha-secret"), b: b64("beta-secret") } });
    const live = secret({ data: { a: b64("alpha-secret"), b: b64("beta-secret") } });
    const desired = secret({ data: { a: b64("alpha-secret"), c: b64("gamma-secret") } });
    const changes = diffObject(desired, live, { owned: ownedPaths(before) });
    expect(changes).toEqual([
      { path: "/data/c", after: "++++++++", masked: true },
      { path: "/data/b", before: "++++++++", masked: true },
    ]);
    const whole = diffObject(desired, secret({}));
    expect(whole).toEqual([{ path: "/data", after: { a: "++++++++", c: "++++++++" }, masked: true }]);
    const text = JSON.stringify([changes, whole]);
    for (const word of ["alpha-secret", "beta-secret", "gamma-secret"]) {
      expect(text).not.toContain(word);
      expect(text).not.toContain(b64(word));
    }
  });

  it("changes outside data are not masked", () => {
    const changes = diffObject(secret({ type: "kubernetes.io/tls" }), secret({}));
    expect(changes).toEqual([{ path: "/type", before: "Opaque", after: "kubernetes.io/tls" }]);
  });

  it("maskSecret masks data, stringData and the last-applied annotation, and leaves the input alone", () => {
    const object = secret({ data: { k: b64("hunter2-value") }, stringData: { s: "plain-value" } });
    (object.metadata as any).annotations = {
      "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ data: { k: b64("hunter2-value") } }),
      team: "db",
    };
    const masked = maskSecret(object);
    const text = JSON.stringify(masked);
    for (const leaked of ["hunter2-value", b64("hunter2-value"), "plain-value"]) expect(text).not.toContain(leaked);
    expect(masked).toMatchObject({ data: { k: "++++++++" }, stringData: { s: "++++++++" }, metadata: { annotations: { team: "db" } } });
    expect((object.data as any).k).toBe(b64("hunter2-value"));
    const cm: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } };
    expect(maskSecret(cm)).toEqual(cm);
  });
});
