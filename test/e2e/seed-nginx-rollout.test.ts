// The rolling update the project's seed notes show (../shared/seeds/004_…): apply the nginx
// Deployment, change its image, apply again, and `describe` shows the same ScalingReplicaSet
// sequence kubectl showed there — with today's message text ("from 3 to 2" where old releases
// printed "to 2") and simulated ages.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, ROOT, runCli, tempDir } from "../helpers.js";

const SEED = join(ROOT, "..", "shared", "seeds", "004_646c1cc213690b8e.txt");
const HAS_SEED = existsSync(SEED);
if (!HAS_SEED) console.warn(`[drydock tests] ${SEED} not found: the seed rollout test is skipped`);

/** The seed's first Deployment, at the 3 replicas its describe and `get rs` output show. */
function seedDeployment(): string {
  const text = readFileSync(SEED, "utf8");
  const block = /```yaml\n([\s\S]*?)\n\n\$ kubectl create/.exec(text);
  if (!block) throw new Error("the seed no longer holds the nginx Deployment");
  return block[1].replace("replicas: 2", "replicas: 3");
}

describe.skipIf(!HAS_SEED)("the seed's nginx rolling update, from a shell", () => {
  it("apply, change the image, apply again: describe shows the seed's event sequence", () => {
    const dir = tempDir({ "nginx-deployment.yaml": seedDeployment() });
    const cli = (...args: string[]) => runCli([...args, "--state", join(dir, "state")], { cwd: dir });
    expect(applied(cli("apply", "--yes", "-f", "nginx-deployment.yaml"))).toEqual({ status: 0, results: ["deployment.apps/nginx-deployment -n default created"] });
    writeFileSync(join(dir, "nginx-deployment.yaml"), seedDeployment().replace("nginx:1.7.9", "nginx:1.9.1"));
    expect(applied(cli("apply", "--yes", "-f", "nginx-deployment.yaml"))).toEqual({ status: 0, results: ["deployment.apps/nginx-deployment -n default configured"] });

    const described = cli("describe", "deployment", "nginx-deployment");
    expect(described.status).toBe(0);
    expect(described.stdout).toContain("Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable");
    const events = described.stdout
      .split("\n")
      .filter((line) => line.includes("ScalingReplicaSet"))
      .map((line) => /deployment-controller {2}(Scaled (?:up|down)) replica set (nginx-deployment-\w+) from (\d+) to (\d+)$/.exec(line)!.slice(1));
    const [first, ...rollout] = events;
    const oldRs = first[1];
    const newRs = rollout[0][1];
    expect(newRs).not.toBe(oldRs);
    // The seed's six lines, old and new ReplicaSet alternating exactly as there.
    expect(rollout).toEqual([
      ["Scaled up", newRs, "0", "1"],
      ["Scaled down", oldRs, "3", "2"],
      ["Scaled up", newRs, "1", "2"],
      ["Scaled down", oldRs, "2", "1"],
      ["Scaled up", newRs, "2", "3"],
      ["Scaled down", oldRs, "1", "0"],
    ]);

    const rs = cli("get", "rs");
    expect(rs.stdout.split("\n")[0]).toMatch(/^NAME +DESIRED +CURRENT +READY +AGE$/);
    expect(rs.stdout).toMatch(new RegExp(`${newRs} +3 +3 +3 `));
    expect(rs.stdout).toMatch(new RegExp(`${oldRs} +0 +0 +0 `));
  });
});
