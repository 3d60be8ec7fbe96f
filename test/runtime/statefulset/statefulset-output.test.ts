// How a StatefulSet reads in `describe` (kubectl's layout plus drydock's Pod DNS Names section) and
// how its ControllerRevisions read in `get`.
import { afterEach, describe, expect, it } from "vitest";
import { describeObject } from "../../../src/cli/output/kube/describe/describe.js";
import { tableFor } from "../../../src/cli/output/kube/kind-tables.js";
import type { Cluster } from "../../../src/runtime/cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { cluster, getSet, settle, webSet } from "./statefulset-fixtures.js";

let c: Cluster | undefined;
afterEach(() => c?.stop());

describe("describe statefulset", () => {
  it("prints kubectl's layout, the claim templates, the members' DNS names and the events", () => {
    c = cluster();
    expectOk(c.store.create(webSet({ replicas: 2, claims: true })));
    settle(c);
    expect(describeObject(getSet(c), c.store, c.clock.now())).toBe(
      [
        "Name:               web",
        "Namespace:          default",
        "CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000",
        "Selector:           app=nginx",
        "Labels:             <none>",
        "Annotations:        <none>",
        "Replicas:           2 desired | 2 total",
        "Update Strategy:    RollingUpdate",
        "  Partition:        0",
        "Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed",
        "Pod Template:",
        "  Labels:       app=nginx",
        "  Annotations:  sim.drydock.dev/pull-duration: 2s",
        "                sim.drydock.dev/ready-after: 20s",
        "  Containers:",
        "   nginx:",
        "    Image:        nginx:1.9.1",
        "    Port:         80/TCP",
        "    Host Port:    0/TCP",
        "    Environment:  <none>",
        "    Mounts:",
        "      /usr/share/nginx/html from www (rw)",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Volume Claims:",
        "  Name:          www",
        "  StorageClass:  ",
        "  Labels:        <none>",
        "  Annotations:   <none>",
        "  Capacity:      1Gi",
        "  Access Modes:  [ReadWriteOnce]",
        "Pod DNS Names:   web-0.nginx.default.svc.cluster.local",
        "                 web-1.nginx.default.svc.cluster.local",
        "Events:",
        "  Type    Reason            Age   From                    Message",
        "  ----    ------            ----  ----                    -------",
        "  Normal  SuccessfulCreate  44s   statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success",
        "  Normal  SuccessfulCreate  44s   statefulset-controller  create Pod web-0 in StatefulSet web successful",
        "  Normal  SuccessfulCreate  22s   statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success",
        "  Normal  SuccessfulCreate  22s   statefulset-controller  create Pod web-1 in StatefulSet web successful",
        "",
      ].join("\n"),
    );
  });

  it("shows OnDelete without a partition, no claims, and no DNS names without a governing Service", () => {
    c = cluster();
    const set = webSet({ replicas: 1, updateStrategy: { type: "OnDelete" } });
    delete (set.spec as { serviceName?: string }).serviceName;
    expectOk(c.store.create(set));
    settle(c);
    const text = describeObject(getSet(c), c.store, c.clock.now());
    expect(text).toContain("Update Strategy:    OnDelete\nPods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed\n");
    expect(text).toContain("Volume Claims:     <none>\nPod DNS Names:     <none>\nEvents:");
  });
});

describe("get controllerrevisions", () => {
  it("prints NAME CONTROLLER REVISION AGE, the controller as statefulset.apps/<name>", () => {
    c = cluster();
    expectOk(c.store.create(webSet({ replicas: 1 })));
    settle(c);
    const [revision] = c.store.list({ group: "apps", kind: "ControllerRevision", namespace: "default" });
    const table = tableFor("apps", "ControllerRevision");
    expect(table.columns).toEqual(["NAME", "CONTROLLER", "REVISION", "AGE"]);
    expect(table.cells(revision as never, c.clock.now() + 60_000)).toEqual(["statefulset.apps/web", "1", "82s"]);
    const orphan = { ...revision, metadata: { ...revision.metadata, ownerReferences: undefined } };
    expect(table.cells(orphan as never, c.clock.now())[0]).toBe("<none>");
  });
});
