import { describe, expect, it } from "vitest";
import { podQosClass } from "../../../src/runtime/admission/pod-qos.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { makePod, simCluster } from "./scheduler-helpers.js";

function admitted(options: Parameters<typeof makePod>[1] & { spec?: Record<string, unknown>; status?: unknown } = {}) {
  const sim = simCluster({ controller: false });
  sim.scheduler.stop();
  const pod = makePod("web", options);
  Object.assign(pod.spec as object, options.spec ?? {});
  if (options.status) pod.status = options.status;
  return { sim, result: sim.cluster.store.create(pod) };
}

describe("pod admission", () => {
  it("defaults the spec, adds the NoExecute tolerations and sets Pending with the QoS class", () => {
    const pod = expectOk(admitted().result);
    expect(pod.spec).toEqual({
      containers: [
        { name: "app", image: "nginx:1.25", resources: {}, imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" },
      ],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      securityContext: {},
      schedulerName: "default-scheduler",
      enableServiceLinks: true,
      serviceAccountName: "default",
      serviceAccount: "default",
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    });
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("replaces a status given on create, as the pod strategy does", () => {
    const pod = expectOk(admitted({ status: { phase: "Running", podIP: "1.2.3.4" } }).result);
    expect(pod.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("keeps tolerations that already cover not-ready and unreachable", () => {
    const everything = [{ operator: "Exists" }];
    expect(expectOk(admitted({ tolerations: everything }).result).spec).toMatchObject({ tolerations: everything });
    const own = [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 6000 }];
    expect((expectOk(admitted({ tolerations: own }).result).spec as { tolerations: unknown[] }).tolerations).toEqual([
      ...own,
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
  });

  it("copies limits into missing requests, then computes Guaranteed", () => {
    const pod = expectOk(admitted({ limits: { cpu: "500m", memory: "256Mi" } }).result);
    expect((pod.spec as { containers: Array<{ resources: unknown }> }).containers[0].resources).toEqual({
      limits: { cpu: "500m", memory: "256Mi" },
      requests: { cpu: "500m", memory: "256Mi" },
    });
    expect((pod.status as { qosClass: string }).qosClass).toBe("Guaranteed");
  });

  it("resolves priorityClassName, and refuses an unknown class or a priority of its own", () => {
    const { sim } = admitted();
    expectOk(sim.cluster.store.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "batch" }, value: -5, preemptionPolicy: "Never" } as never));
    const batch = expectOk(sim.cluster.store.create(makePod("a", { priorityClassName: "batch" })));
    expect(batch.spec).toMatchObject({ priorityClassName: "batch", priority: -5, preemptionPolicy: "Never" });
    const critical = expectOk(sim.cluster.store.create(makePod("b", { priorityClassName: "system-node-critical" })));
    expect(critical.spec).toMatchObject({ priority: 2000001000 });
    const missing = sim.cluster.store.create(makePod("c", { priorityClassName: "nope" }));
    expect(missing.ok || missing.error.message).toBe('pods "c" is forbidden: no PriorityClass with name nope was found');
    const own = makePod("d");
    (own.spec as Record<string, unknown>).priority = 7;
    const refused = sim.cluster.store.create(own);
    expect(refused.ok || refused.error.message).toBe(
      'pods "d" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it("uses the globalDefault PriorityClass for pods that name none", () => {
    const { sim } = admitted();
    expectOk(sim.cluster.store.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "normal" }, value: 100, globalDefault: true } as never));
    expect(expectOk(sim.cluster.store.create(makePod("a"))).spec).toMatchObject({ priorityClassName: "normal", priority: 100 });
  });

  it("leaves updates and other kinds alone", () => {
    const { sim, result } = admitted();
    const pod = expectOk(result);
    const updated = expectOk(sim.cluster.store.update({ ...pod, metadata: { ...pod.metadata, labels: { a: "b" } } }));
    expect(updated.status).toEqual(pod.status);
    const cm = expectOk(sim.cluster.store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: {} }));
    expect(cm.status).toBeUndefined();
  });
});

describe("QoS class", () => {
  const c = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ resources: { requests, limits } });
  it.each([
    ["no resources", [c()], "BestEffort"],
    ["only other resources", [c({ "ephemeral-storage": "1Gi" })], "BestEffort"],
    ["requests only", [c({ cpu: "100m" })], "Burstable"],
    ["equal requests and limits", [c({ cpu: "1", memory: "1Gi" }, { cpu: "1000m", memory: "1024Mi" })], "Guaranteed"],
    ["limits without memory", [c({ cpu: "1" }, { cpu: "1" })], "Burstable"],
    ["requests below limits", [c({ cpu: "500m", memory: "1Gi" }, { cpu: "1", memory: "1Gi" })], "Burstable"],
    ["one container without limits", [c({ cpu: "1", memory: "1Gi" }, { cpu: "1", memory: "1Gi" }), c()], "Burstable"],
    ["fractional sums", [c({ cpu: "0.1", memory: "1Gi" }, { cpu: "100m", memory: "1Gi" }), c({ cpu: "0.2", memory: "1Gi" }, { cpu: "200m", memory: "1Gi" })], "Guaranteed"],
  ])("%s → %s", (_name, containers, expected) => {
    expect(podQosClass({ containers })).toBe(expected);
  });
});
