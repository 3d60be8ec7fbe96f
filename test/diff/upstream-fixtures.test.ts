// gitops-engine's desired/live pairs (../shared/corpus/argoproj__gitops-engine/pkg/diff/testdata),
// read in place, with the verdicts its EXPECTED.md transcribes from diff_test.go.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffObject, ownedPaths, type JsonObject } from "../../src/diff/index.js";
import { CORPUS } from "../helpers.js";

const TESTDATA = join(CORPUS, "argoproj__gitops-engine", "pkg", "diff", "testdata");
const HAS_TESTDATA = existsSync(TESTDATA);
if (!HAS_TESTDATA) console.warn(`[drydock tests] ${TESTDATA} not found: the upstream diff fixtures are skipped`);

function pair(name: string): { config: JsonObject; live: JsonObject } {
  const read = (suffix: string) => JSON.parse(readFileSync(join(TESTDATA, `${name}-${suffix}.json`), "utf8")) as JsonObject;
  return { config: read("config"), live: read("live") };
}

/** What kubectl applied last time, as the live object records it (gitops-engine's three-way base). */
function lastApplied(live: JsonObject): JsonObject {
  const annotations = (live.metadata as { annotations: Record<string, string> }).annotations;
  return JSON.parse(annotations["kubectl.kubernetes.io/last-applied-configuration"]) as JsonObject;
}

describe.skipIf(!HAS_TESTDATA)("gitops-engine diff fixtures", () => {
  const noDiff = [
    "deployment", // defaulted fields, plus a VAR2 env entry nobody in git declares
    "elasticsearch",
    "mutatingwebhookconfig", // defaults inside unkeyed webhook rules (scope: "*")
    "spinnaker-sa", // explicit namespace in config
    "wordpress", // Secret: "" in config, null live
    "grafana-clusterrole", // rules: [] vs rules: null
    "sealedsecret", // creationTimestamp: null
    "endpoints", // endpoint addresses/ports order, defaulted protocol
  ];
  for (const name of noDiff) {
    it(`${name}: no diff, also with the config's own fields as the owned set`, () => {
      const { config, live } = pair(name);
      expect(diffObject(config, live)).toEqual([]);
      expect(diffObject(config, live, { owned: ownedPaths(config) })).toEqual([]);
    });
  }

  it("elasticsearch: adding label foo, changing chart and removing release is a diff of three fields", () => {
    const { config, live } = pair("elasticsearch");
    const owned = ownedPaths(config);
    const edited = structuredClone(config) as { metadata: { labels: Record<string, string> } };
    const labels = edited.metadata.labels;
    const { chart, release } = (live.metadata as { labels: Record<string, string> }).labels;
    labels.foo = "bar";
    labels.chart = "elasticsearch-9.9.9";
    delete labels.release;
    const changes = diffObject(edited as unknown as JsonObject, live, { owned });
    expect(changes).toEqual([
      { path: "/metadata/labels/chart", before: chart, after: "elasticsearch-9.9.9" },
      { path: "/metadata/labels/foo", after: "bar" },
      { path: "/metadata/labels/release", before: release },
    ]);
  });

  it("wordpress: a different Secret value is a diff, masked", () => {
    const { config, live } = pair("wordpress");
    const edited = structuredClone(config) as { data: Record<string, string> };
    edited.data["wordpress-password"] = Buffer.from("another").toString("base64");
    const changes = diffObject(edited as unknown as JsonObject, live);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: "/data/wordpress-password", masked: true });
    const text = JSON.stringify(changes);
    expect(text).not.toContain("Skt2T0tjMk5PdQ==");
    expect(text).not.toContain(edited.data["wordpress-password"]);
  });

  it("aggr-clusterrole: rules drydock applied (last-applied) and no longer declares are a removal; ignoring /rules, no diff", () => {
    const { config, live } = pair("aggr-clusterrole");
    // The last-applied object carried rules; the config relies on aggregation instead.
    const owned = ownedPaths({ ...lastApplied(live), metadata: config.metadata });
    const changes = diffObject(config, live, { owned });
    expect(changes).toEqual([{ path: "/rules", before: live.rules }]);
    expect(diffObject(config, live, { owned, ignore: ["/rules"] })).toEqual([]);
  });
});
