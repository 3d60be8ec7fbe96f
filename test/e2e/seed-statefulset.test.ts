// The StatefulSet the project's seed notes walk through (../shared/seeds/004_…, "深入理解statefulset"):
// `web` with two nginx:1.9.1 replicas behind the headless Service `nginx` and a `www` volume claim
// template, next to the seed's `pv-volume` PersistentVolume. Run from a shell as a user would: the
// pods come up in order with stable names, each gets its own claim, and a deleted pod comes back
// with the same name, hostname and claim.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, ROOT, runCli, tempDir } from "../helpers.js";

const SEED = join(ROOT, "..", "shared", "seeds", "004_646c1cc213690b8e.txt");
const HAS_SEED = existsSync(SEED);
if (!HAS_SEED) console.warn(`[drydock tests] ${SEED} not found: the seed StatefulSet test is skipped`);

const HEADLESS_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
`;

/** The seed's StatefulSet and PersistentVolume manifests, as written there. */
function seedManifests(): { statefulSet: string; persistentVolume: string } {
  const text = readFileSync(SEED, "utf8");
  const statefulSet = /```yaml\n(apiVersion: apps\/v1\nkind: StatefulSet[\s\S]*?)```/.exec(text)?.[1];
  const persistentVolume = /```yaml\n\s*(kind: PersistentVolume[\s\S]*?)```/.exec(text)?.[1];
  if (!statefulSet || !persistentVolume) throw new Error("the seed no longer holds the StatefulSet and PersistentVolume manifests");
  return { statefulSet, persistentVolume };
}

describe.skipIf(!HAS_SEED)("the seed's StatefulSet web, from a shell", () => {
  it("creates web-0 then web-1 with their own claims, and gives a deleted pod back its name and claim", () => {
    const { statefulSet, persistentVolume } = seedManifests();
    const dir = tempDir({ "service.yaml": HEADLESS_SERVICE, "statefulset.yaml": statefulSet, "pv.yaml": persistentVolume });
    const cli = (...args: string[]) => runCli([...args, "--state", join(dir, "state")], { cwd: dir });

    expect(applied(cli("apply", "--yes", "-f", "pv.yaml", "-f", "service.yaml", "-f", "statefulset.yaml"))).toEqual({
      status: 0,
      results: ["persistentvolume/pv-volume created", "service/nginx -n default created", "statefulset.apps/web -n default created"],
    });

    expect(cli("get", "statefulsets").stdout).toMatch(/^NAME +READY +AGE\nweb +2\/2 +/);
    const pods = cli("get", "pods").stdout;
    expect(pods).toMatch(/\nweb-0 +1\/1 +Running +0 +/);
    expect(pods).toMatch(/\nweb-1 +1\/1 +Running +0 +/);

    // The claims have no class: the default StorageClass provisions a volume for each, as a cluster
    // with a default class does; the seed's class-less pv-volume stays Available.
    const claims = cli("get", "pvc").stdout;
    expect(claims).toMatch(/\nwww-web-0 +Bound +pvc-[0-9a-f-]+ +1Gi +RWO +standard +/);
    expect(claims).toMatch(/\nwww-web-1 +Bound +pvc-[0-9a-f-]+ +1Gi +RWO +standard +/);
    expect(cli("get", "pv", "pv-volume").stdout).toMatch(/\npv-volume +10Gi +RWO +Retain +Available +/);

    // web-0 was created, and Ready, before web-1 was created: the OrderedReady sequence.
    const events = cli("events").stdout;
    const created = events
      .split("\n")
      .filter((line) => line.includes("SuccessfulCreate") && line.includes("StatefulSet/web"))
      .map((line) => /(create (?:Claim|Pod) [\w-]+)/.exec(line)?.[1]);
    expect(created).toEqual(["create Claim www-web-0", "create Pod web-0", "create Claim www-web-1", "create Pod web-1"]);

    const described = cli("describe", "statefulset", "web").stdout;
    expect(described).toContain("web-0.nginx.default.svc.cluster.local");
    expect(described).toContain("web-1.nginx.default.svc.cluster.local");

    const claimOfWeb0 = /\nwww-web-0 +Bound +(pvc-[0-9a-f-]+)/.exec(claims)?.[1];
    const uidBefore = JSON.parse(cli("get", "pod", "web-0", "-o", "json").stdout).metadata.uid;
    expect(cli("delete", "pod", "web-0").status).toBe(0);
    cli("advance", "1m");
    const recreated = JSON.parse(cli("get", "pod", "web-0", "-o", "json").stdout);
    expect(recreated.metadata.uid).not.toBe(uidBefore);
    expect(recreated.spec.hostname).toBe("web-0");
    expect(recreated.spec.subdomain).toBe("nginx");
    expect(recreated.spec.volumes).toContainEqual({ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } });
    expect(recreated.status.phase).toBe("Running");
    expect(cli("get", "pvc", "www-web-0").stdout).toContain(claimOfWeb0);
  });
});
