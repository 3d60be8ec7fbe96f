import { describe, expect, it } from "vitest";
import { configMap } from "../runtime-helpers.js";
import { container, create, kubeletCluster, node, pod, runTo, status, timeline } from "./kubelet-fixtures.js";

const present = () => kubeletCluster({ nodes: [node("worker-1", 1, { images: ["nginx:1.25"] })] });

const withEnv = (env: unknown[], envFrom?: unknown[]) =>
  pod("app", { containers: [{ name: "c", image: "nginx:1.25", env, ...(envFrom ? { envFrom } : {}) }] });

describe("kubelet: ConfigMaps and Secrets", () => {
  it("waits in CreateContainerConfigError until the ConfigMap appears, retrying on a back-off", () => {
    const k = present();
    create(k, withEnv([{ name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } }]));
    runTo(k, 0);
    expect(container(k, "app").state).toEqual({ waiting: { reason: "CreateContainerConfigError", message: 'configmap "settings" not found' } });
    expect(status(k, "app").phase).toBe("Pending");
    runTo(k, 15);
    expect(timeline(k, "app")).toEqual([
      '0 Pulled: Container image "nginx:1.25" already present on machine',
      '0 Failed: Error: configmap "settings" not found',
      '10 Pulled: Container image "nginx:1.25" already present on machine',
      '10 Failed: Error: configmap "settings" not found',
    ]);
    create(k, configMap("settings", { data: { mode: "fast" } }));
    runTo(k, 15);
    expect(container(k, "app").state).toHaveProperty("running");
    expect(timeline(k, "app").slice(4)).toEqual(['15 Pulled: Container image "nginx:1.25" already present on machine', "15 Created: Created container c", "15 Started: Started container c"]);
  });

  it("names a missing key, and a missing Secret", () => {
    const k = present();
    create(k, configMap("settings", { data: { other: "x" } }));
    create(k, withEnv([{ name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } }]));
    runTo(k, 0);
    expect(container(k, "app").state).toHaveProperty("waiting.message", "couldn't find key mode in ConfigMap default/settings");

    const s = present();
    create(s, withEnv([], [{ secretRef: { name: "creds" } }]));
    runTo(s, 0);
    expect(container(s, "app").state).toHaveProperty("waiting.message", 'secret "creds" not found');
    expect(timeline(s, "app")[1]).toBe('0 Failed: Error: secret "creds" not found');
  });

  it("starts without optional references", () => {
    const k = present();
    create(k, withEnv([{ name: "A", valueFrom: { secretKeyRef: { name: "nope", key: "a", optional: true } } }], [{ configMapRef: { name: "none", optional: true } }]));
    runTo(k, 0);
    expect(container(k, "app").state).toHaveProperty("running");
  });

  it("keeps the pod ContainerCreating with FailedMount until a volume's ConfigMap appears", () => {
    const k = present();
    create(k, pod("app", { volumes: [{ name: "config", configMap: { name: "app-config" } }] }));
    runTo(k, 12);
    const s = status(k, "app");
    expect(s.phase).toBe("Pending");
    expect(s.podIP).toBeUndefined();
    expect(s.conditions?.[0]).toMatchObject({ type: "PodReadyToStartContainers", status: "False" });
    expect(container(k, "app").state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(timeline(k, "app")).toEqual([
      '0 FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
      '10 FailedMount: MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    ]);
    expect(k.log.map((e) => e.count)).toEqual([1, 2]);
    create(k, configMap("app-config"));
    runTo(k, 12);
    expect(status(k, "app")).toMatchObject({ phase: "Running", podIP: "10.244.1.2" });
  });

  it("reports a missing Secret volume by its secret name", () => {
    const k = present();
    create(k, pod("app", { volumes: [{ name: "tls", secret: { secretName: "web-tls" } }] }));
    runTo(k, 0);
    expect(timeline(k, "app")).toEqual(['0 FailedMount: MountVolume.SetUp failed for volume "tls" : secret "web-tls" not found']);
  });
});
