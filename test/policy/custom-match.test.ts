// Which resources a TypeScript policy's `match` selects.
import { describe, expect, it } from "vitest";
import { parseMatch, policyMatches, type PolicyMatchSpec } from "../../src/policy/custom/policy-match.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";

function resource(apiVersion: string, kind: string, name: string, namespace?: string, labels?: Record<string, unknown>): PolicyResource {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  return {
    key: { group, version, kind, namespace, name },
    apiVersion,
    display: `${kind.toLowerCase()}/${name}`,
    object: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) } },
  };
}

const web = resource("apps/v1", "Deployment", "web", "shop", { tier: "web", team: "a" });
const worker = resource("apps/v1", "Deployment", "worker", "shop", { tier: "worker" });
const lookalike = resource("example.com/v1", "Deployment", "fake", "shop", { tier: "web" });
const cert = resource("cert-manager.io/v1", "Certificate", "tls", "shop");
const pod = resource("v1", "Pod", "p", "other", { tier: 7 });
const ns = resource("v1", "Namespace", "shop");
const hpaV1 = resource("autoscaling/v1", "HorizontalPodAutoscaler", "h1", "shop");
const hpaV2 = resource("autoscaling/v2", "HorizontalPodAutoscaler", "h2", "shop");
const coreEvent = resource("v1", "Event", "e1", "shop");
const eventsEvent = resource("events.k8s.io/v1", "Event", "e2", "shop");
const ALL = [web, worker, lookalike, cert, pod, ns, hpaV1, hpaV2, coreEvent, eventsEvent];

function selected(match: PolicyMatchSpec): string[] {
  return ALL.filter((r) => policyMatches(match, r)).map((r) => r.key.name);
}

describe("policy match", () => {
  it("selects everything when empty", () => {
    expect(selected({})).toHaveLength(ALL.length);
  });

  it("takes a bare kind as the built-in kind in every version of its groups", () => {
    expect(selected({ kinds: ["Deployment"] })).toEqual(["web", "worker"]);
    expect(selected({ kinds: ["HorizontalPodAutoscaler"] })).toEqual(["h1", "h2"]);
    expect(selected({ kinds: ["Event"] })).toEqual(["e1", "e2"]);
  });

  it("takes a kind drydock has no type for in any group", () => {
    expect(selected({ kinds: ["Certificate"] })).toEqual(["tls"]);
  });

  it("pins the version with apiVersion/Kind", () => {
    expect(selected({ kinds: ["autoscaling/v2/HorizontalPodAutoscaler"] })).toEqual(["h2"]);
    expect(selected({ kinds: ["example.com/v1/Deployment", "v1/Pod"] })).toEqual(["fake", "p"]);
  });

  it("matches effective namespaces, never cluster-scoped resources", () => {
    expect(selected({ namespaces: ["other"] })).toEqual(["p"]);
    expect(selected({ kinds: ["Namespace"], namespaces: ["shop"] })).toEqual([]);
  });

  it("matches labels with matchLabels and matchExpressions, ignoring labels that are not strings", () => {
    expect(selected({ labelSelector: { matchLabels: { tier: "web" } } })).toEqual(["web", "fake"]);
    expect(selected({ kinds: ["Deployment"], labelSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["web", "worker"] }] } })).toEqual([
      "web",
      "worker",
    ]);
    expect(selected({ kinds: ["Pod"], labelSelector: { matchExpressions: [{ key: "tier", operator: "Exists" }] } })).toEqual([]);
    expect(selected({ labelSelector: { matchExpressions: [{ key: "team", operator: "DoesNotExist" }], matchLabels: { tier: "web" } } })).toEqual(["fake"]);
  });

  it("requires every field to hold", () => {
    expect(selected({ kinds: ["Deployment"], namespaces: ["shop"], labelSelector: { matchLabels: { tier: "web" } } })).toEqual(["web"]);
  });
});

describe("parsing a definition's match", () => {
  it("accepts the documented fields", () => {
    const match = { kinds: ["Deployment", "apps/v1/StatefulSet", "v1/Pod"], namespaces: ["shop"], labelSelector: { matchLabels: { a: "b" } } };
    expect(parseMatch(match)).toEqual({ ok: true, match });
    expect(parseMatch(undefined)).toEqual({ ok: true, match: {} });
  });

  it("refuses empty lists, which would match nothing", () => {
    expect(parseMatch({ kinds: [], namespaces: [] })).toEqual({
      ok: false,
      problems: [
        "match.kinds is empty, so the policy would never run; leave it out to match every kind",
        "match.namespaces is empty, so the policy would never run; leave it out to match every namespace",
      ],
    });
  });

  it("names every problem", () => {
    const parsed = parseMatch({
      kind: ["Deployment"],
      kinds: ["apps//Deployment", "deployment-x"],
      namespaces: "shop",
      labelSelector: { matchLabels: { a: 1 }, matchExpressions: [{ key: "a", operator: "In" }, { key: "b", operator: "Exists", values: ["x"] }] },
    });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        'match has an unknown field "kind"',
        'match.kinds has "apps//Deployment", which is neither Kind nor apiVersion/Kind',
        'match.kinds has "deployment-x", which is neither Kind nor apiVersion/Kind',
        "match.namespaces must be a list of namespace names",
        "match.labelSelector.matchLabels must map label names to strings",
        "match.labelSelector.matchExpressions[0]: In needs values",
        "match.labelSelector.matchExpressions[1]: Exists takes no values",
      ],
    });
  });
});
