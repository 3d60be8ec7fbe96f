// Volumes and namespaces from a shell: `drydock apply` a claim and a pod that uses it, then `get` and
// `describe` the claim, its provisioned volume and the default StorageClass as kubectl prints them;
// and `delete namespace` with a pod that takes time to stop.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, runCli, tempDir } from "../helpers.js";

const CLAIM_AND_POD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

const SHOP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: cart
  namespace: shop
  annotations:
    sim.drydock.dev/shutdown-duration: 20s
spec:
  containers:
  - name: cart
    image: nginx:1.27
`;

describe("drydock volumes and namespaces, from a shell", () => {
  it("provisions and binds a claim for a pod; get and describe show claim, volume and the default class", () => {
    const dir = tempDir({ "app.yaml": CLAIM_AND_POD });
    const cli = (...args: string[]) => runCli([...args, "--state", join(dir, "state")], { cwd: dir });
    expect(applied(cli("apply", "--yes", "-f", "app.yaml"))).toEqual({ status: 0, results: ["persistentvolumeclaim/data -n default created", "pod/app -n default created"] });

    const pvc = cli("get", "pvc");
    expect(pvc.status).toBe(0);
    const volume = /^data {3}Bound {4}(pvc-[0-9a-f-]{36}) {3}1Gi {8}RWO {12}standard {7}<unset> {17}\d+s\n$/m.exec(pvc.stdout)?.[1];
    expect(pvc.stdout.split("\n")[0]).toBe("NAME   STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE");
    expect(volume).toBeDefined();

    const pv = cli("get", "pv").stdout.split("\n");
    expect(pv[0]).toBe(
      "NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE",
    );
    expect(pv[1]).toMatch(new RegExp(`^${volume}   1Gi        RWO            Delete           Bound    default/data   standard       <unset>                          \\d+s$`));

    expect(cli("get", "storageclass").stdout).toMatch(
      /^NAME {17}PROVISIONER {16}RECLAIMPOLICY {3}VOLUMEBINDINGMODE {3}ALLOWVOLUMEEXPANSION {3}AGE\nstandard \(default\) {3}sim\.drydock\.dev\/hostpath {3}Delete {10}Immediate {11}true {19}\d+s\n$/,
    );

    const described = cli("describe", "pvc", "data").stdout;
    expect(described).toContain(
      `Name:          data\nNamespace:     default\nStorageClass:  standard\nStatus:        Bound\nVolume:        ${volume}\nLabels:        <none>\nAnnotations:   pv.kubernetes.io/bind-completed: yes\n`,
    );
    expect(described).toContain("Finalizers:    [kubernetes.io/pvc-protection]\nCapacity:      1Gi\nAccess Modes:  RWO\nVolumeMode:    Filesystem\nUsed By:       app\nEvents:\n");
    expect(described).toMatch(/ {2}Normal {2}Provisioning {11}\d+s {4}sim\.drydock\.dev\/hostpath_hostpath-provisioner {2}External provisioner is provisioning volume for claim "default\/data"\n/);
    expect(described).toContain(`Successfully provisioned volume ${volume}\n`);

    expect(cli("describe", "sc", "standard").stdout).toMatch(
      /^Name: {18}standard\nIsDefaultClass: {8}Yes\nAnnotations: {11}storageclass\.kubernetes\.io\/is-default-class=true\nProvisioner: {11}sim\.drydock\.dev\/hostpath\nParameters: {12}<none>\nAllowVolumeExpansion: {2}True\nMountOptions: {10}<none>\nReclaimPolicy: {9}Delete\nVolumeBindingMode: {5}Immediate\nEvents: {16}<none>\n$/,
    );
    expect(cli("describe", "pv", volume!).stdout).toContain("Claim:           default/data\nReclaim Policy:  Delete\n");
  });

  it("keeps a deleted namespace Terminating while its pod stops, then it is gone", () => {
    const dir = tempDir({ "shop.yaml": SHOP });
    const cli = (...args: string[]) => runCli([...args, "--state", join(dir, "state")], { cwd: dir });
    expect(cli("apply", "--yes", "-f", "shop.yaml").status).toBe(0);
    expect(cli("delete", "namespace", "shop")).toMatchObject({ status: 0, stdout: 'namespace "shop" deleted\n' });
    expect(cli("get", "ns", "shop").stdout).toMatch(/^NAME {3}STATUS {8}AGE\nshop {3}Terminating {3}\d+s\n$/);
    expect(cli("get", "pods", "-n", "shop").stdout).toMatch(/^cart {3}1\/1 {5}Terminating {3}0 {10}\d+s$/m);
    expect(cli("advance", "30s").status).toBe(0);
    expect(cli("get", "ns", "shop")).toMatchObject({ status: 1, stderr: 'Error from server (NotFound): namespaces "shop" not found\n' });
  });
});
