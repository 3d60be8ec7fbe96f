import { describe, expect, it } from "vitest";
import { ownedPaths } from "../../src/diff/index.js";

describe("ownedPaths", () => {
  it("encodes leaves, keyed items by key (percent-encoded values), atomic items by index", () => {
    const owned = ownedPaths({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" }, creationTimestamp: null },
      spec: {
        template: {
          spec: {
            containers: [{ name: "web", image: "nginx", volumeMounts: [{ mountPath: "/data", name: "d" }], ports: [{ containerPort: 80 }] }],
            tolerations: [{ key: "k", operator: "Exists" }],
            volumes: [{ name: "d", emptyDir: {} }],
          },
        },
      },
      status: { replicas: 1 },
    });
    expect(owned).toEqual([
      "/apiVersion",
      "/kind",
      "/metadata/labels/app.kubernetes.io~1name",
      "/metadata/name",
      "/spec/template/spec/containers/name=web/image",
      "/spec/template/spec/containers/name=web/name",
      "/spec/template/spec/containers/name=web/ports/containerPort=80,protocol=TCP/containerPort",
      "/spec/template/spec/containers/name=web/volumeMounts/mountPath=%2Fdata/mountPath",
      "/spec/template/spec/containers/name=web/volumeMounts/mountPath=%2Fdata/name",
      "/spec/template/spec/tolerations/0/key",
      "/spec/template/spec/tolerations/0/operator",
      "/spec/template/spec/volumes/name=d/emptyDir",
      "/spec/template/spec/volumes/name=d/name",
    ]);
  });

  it("records Secret stringData keys under /data, where the live object holds them", () => {
    expect(ownedPaths({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { k: "v" } })).toContain("/data/k");
  });
});
