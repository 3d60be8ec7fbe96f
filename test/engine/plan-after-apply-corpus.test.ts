// Plan-after-apply is empty (the Argo CD "OutOfSync with no diff" bug): every object of the
// real-world folders of ../shared/corpus (and of its policy/diff fixture sets; not the
// INTENDED-INVALID ones) that validates is applied to a fresh simulated cluster the way a first sync
// does (namespaces first, then each object created), the cluster runs until quiet (controllers,
// kubelet, admission defaults), and then the diff of each manifest against what the cluster holds
// must be empty. Objects the store refuses are listed with their reasons, and their count per
// folder is pinned; so are objects the cluster's controllers legitimately took over or deleted.
// Skipped visibly (test/helpers.ts warns) without ../shared.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect } from "vitest";
import { diffObject, ownedPaths, type FieldChange } from "../../src/diff/index.js";
import { admit, isCrd, type ValidateSettings } from "../../src/engine/validate-batch.js";
import { discoverManifestFiles } from "../../src/manifests/discover-files.js";
import { loadManifestFile } from "../../src/manifests/load-manifest-file.js";
import type { Manifest } from "../../src/manifests/manifest.js";
import { formatResourceKey, objectIdentity, type ResourceKey } from "../../src/manifests/resource-key.js";
import { createCluster } from "../../src/runtime/cluster.js";
import type { KubeObject } from "../../src/runtime/store/kube-object.js";
import { namespaceObject } from "../../src/runtime/store/namespace-rules.js";
import { isKnownBuiltinApi } from "../../src/validate/api-lifecycle.js";
import { SchemaRegistry } from "../../src/validate/schema-registry.js";
import { validateManifest } from "../../src/validate/validate-manifest.js";
import { CORPUS, DEFAULT_SETTINGS, HAS_CORPUS, itWithCorpus as it } from "../helpers.js";

/**
 * The folders SOURCES.md classes as real-world, plus the policy/lint and diff/health fixture sets
 * (mostly schema-valid objects); the INTENDED-INVALID fixture sets are left out.
 */
function foldersToApply(): string[] {
  const sources = readFileSync(join(CORPUS, "SOURCES.md"), "utf8");
  return [...sources.matchAll(/^\| `([^`]+)\/` \|.*\| ([^|]+) \|$/gm)].filter((m) => m[2].trim() !== "INTENDED-INVALID").map((m) => m[1]);
}

interface Expected {
  /** Objects the simulated API server refuses, pinned so that a change in admission (or in what validates) shows here. */
  refused: number;
  /**
   * Objects a controller took over or deleted. The folders put unrelated examples in one namespace,
   * so some selectors overlap and the cluster does what a real one does; the plan rightly shows it.
   */
  adopted?: string[];
  gone?: string[];
}

const EXPECTED: Record<string, Expected> = {
  "GoogleCloudPlatform__microservices-demo": { refused: 0 },
  "argoproj__argocd-example-apps": { refused: 0 },
  kubernetes__examples: { refused: 0 },
  kubernetes__website: {
    // policy/high-priority-pod.yaml names PriorityClass "high", which no example defines: the
    // Priority admission plugin refuses it, as the API server does.
    refused: 1,
    // controllers/frontend.yaml's ReplicaSet (labels app=nginx, tier=frontend) is adopted by
    // application/deployment-subresource.yaml's Deployment (selector app=nginx) and scaled down as
    // an old ReplicaSet; it adopts and deletes pods/pod-rs.yaml's pod1 and pod2 (the docs' point).
    adopted: ["replicaset.apps/frontend -n default by Deployment/subresource-demo: /spec/replicas desired 3, live 0"],
    gone: ["pod/pod1 -n default", "pod/pod2 -n default"],
  },
  stefanprodan__podinfo: { refused: 0 },
  "fluxcd__flux2-kustomize-helm-example": { refused: 0 },
  // Fixture sets of policy checkers and of gitops-engine: objects copied from live clusters and
  // objects built to trip one check, so some are refused as the API server refuses them.
  FairwindsOps__polaris: { refused: 0 },
  "zegl__kube-score": { refused: 0 },
  // fixtures/service.yml asks for clusterIP 10.96.0.1, which the `kubernetes` Service holds.
  Shopify__kubeaudit: { refused: 1 },
  // Its Services without ports and Deployments without spec or containers fail validate's
  // k8s/required, as the API server refuses them, so none reaches the cluster.
  // job-ttl-seconds-after-finished.yaml's good-job finishes and its ttlSecondsAfterFinished (100 s)
  // runs out within the five simulated minutes: the TTL controller deletes it, as it should.
  "stackrox__kube-linter": { refused: 0, gone: ["job.batch/good-job -n default"] },
  "open-policy-agent__conftest": { refused: 0 },
  // pkg/health/testdata are `kubectl get -o yaml` dumps with metadata.resourceVersion set, which a
  // create refuses; validate's k8s/resource-version rejects them first, so none is applied.
  "argoproj__gitops-engine": { refused: 0 },
};

interface Desired {
  key: ResourceKey;
  object: Record<string, unknown>;
  file: string;
}

/** The objects of `folder` that parse and validate (custom resources against the folder's CRDs). */
function validObjects(folder: string, settings: ValidateSettings): { objects: Desired[]; skipped: number } {
  const registry = new SchemaRegistry(settings.schemaDirs);
  const manifests: Manifest[] = [];
  let skipped = 0;
  for (const file of discoverManifestFiles([folder], CORPUS).files) {
    if (file.listedBy) continue; // kustomize patches: not whole objects
    const loaded = loadManifestFile(file.display, file.content ?? readFileSync(file.path), { maxBytes: settings.maxFileBytes });
    if (loaded.drafts.some((d) => d.severity === "error")) {
      skipped += loaded.manifests.length; // templated or malformed YAML
      continue;
    }
    for (const manifest of loaded.manifests) {
      if (admit(manifest, settings) !== undefined) {
        skipped++;
        continue;
      }
      if (isCrd(manifest)) registry.addCrd({ object: manifest.object, file: file.display });
      manifests.push(manifest);
    }
  }
  const objects: Desired[] = [];
  for (const manifest of manifests) {
    const { group, version, kind } = manifest.key;
    if (!registry.lookup(group, version, kind) && !isKnownBuiltinApi(manifest.apiVersion, kind)) {
      skipped++; // a custom resource without its CRD: `schema/missing`
      continue;
    }
    const validation = validateManifest(manifest, registry, settings);
    if (validation.removed || validation.drafts.some((d) => d.severity === "error")) {
      skipped++;
      continue;
    }
    objects.push({ key: validation.key, object: manifest.object, file: manifest.source.file });
  }
  return { objects, skipped };
}

/** The manifest as applied: with its effective namespace written in. */
function withNamespace({ key, object }: Desired): Record<string, unknown> {
  const metadata = { ...(object.metadata as Record<string, unknown>) };
  if (key.namespace !== undefined) metadata.namespace = key.namespace;
  return { ...object, metadata };
}

function withoutMeta(object: object): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = object as Record<string, unknown>;
  return rest;
}

interface Outcome {
  applied: number;
  duplicates: number;
  createdNamespaces: string[];
  refused: Array<{ resource: string; file: string; reason: string }>;
  diffs: Array<{ resource: string; file: string; changes: FieldChange[] }>;
  /** Objects a controller of the cluster took over (a controller ownerReference the manifest lacks). */
  adopted: Array<{ resource: string; by: string; changes: FieldChange[] }>;
  /** Objects a controller deleted (an adopting ReplicaSet removing surplus pods). */
  gone: string[];
  /** Objects whose live form differs from the manifest outside metadata and status (defaults filled). */
  defaulted: number;
}

function applyThenPlan(objects: readonly Desired[]): Outcome {
  const cluster = createCluster();
  const outcome: Outcome = { applied: 0, duplicates: 0, createdNamespaces: [], refused: [], diffs: [], adopted: [], gone: [], defaulted: 0 };
  try {
    // A first sync: one object per identity (the first definition, as the planner does), Namespaces
    // and CRDs before what lives in them.
    const first = new Map<string, Desired>();
    for (const o of objects) {
      if (first.has(objectIdentity(o.key))) outcome.duplicates++;
      else first.set(objectIdentity(o.key), o);
    }
    const rank = (o: Desired) => (o.key.kind === "Namespace" ? 0 : o.key.kind === "CustomResourceDefinition" ? 1 : 2);
    const ordered = [...first.values()].sort((a, b) => rank(a) - rank(b));

    const created: Desired[] = [];
    for (const desired of ordered) {
      // Namespaces the folder uses without declaring them exist already in the target (as with
      // Argo CD's CreateNamespace=true): created bare, before the object.
      const ns = desired.key.namespace;
      if (ns !== undefined && !cluster.store.get({ group: "", kind: "Namespace", name: ns })) {
        const made = cluster.store.create(namespaceObject(ns));
        if (made.ok) outcome.createdNamespaces.push(ns);
      }
      const result = cluster.store.create(structuredClone(withNamespace(desired)) as unknown as KubeObject);
      if (result.ok) {
        created.push(desired);
        outcome.applied++;
      } else {
        outcome.refused.push({ resource: formatResourceKey(desired.key), file: desired.file, reason: result.error.message });
      }
    }
    cluster.clock.runUntilQuiet(cluster.clock.now() + 5 * 60 * 1000);

    for (const desired of created) {
      const { group, kind, namespace, name } = desired.key;
      const live = cluster.store.get({ group, kind, namespace, name });
      const object = withNamespace(desired);
      if (!live) {
        outcome.gone.push(formatResourceKey(desired.key));
        continue;
      }
      const changes = diffObject(object, live as unknown as Record<string, unknown>, { owned: ownedPaths(object) });
      if (!isDeepStrictEqual(withoutMeta(live), withoutMeta(object))) outcome.defaulted++;
      const owner = (live.metadata.ownerReferences ?? []).find((r) => r.controller);
      if (owner && !(object.metadata as { ownerReferences?: unknown }).ownerReferences) {
        outcome.adopted.push({ resource: formatResourceKey(desired.key), by: `${owner.kind}/${owner.name}`, changes });
      } else if (changes.length > 0) {
        outcome.diffs.push({ resource: formatResourceKey(desired.key), file: desired.file, changes });
      }
    }
  } finally {
    cluster.stop();
  }
  return outcome;
}

describe.skipIf(!HAS_CORPUS)("plan after apply is empty for the corpus (real-world folders and policy/diff fixture sets)", () => {
  const folders = HAS_CORPUS ? foldersToApply() : [];

  it("finds the folders to apply in SOURCES.md", () => {
    expect(folders.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const folder of HAS_CORPUS ? foldersToApply() : []) {
    it(folder, () => {
      const { objects, skipped } = validObjects(folder, DEFAULT_SETTINGS);
      const outcome = applyThenPlan(objects);
      console.log(
        `[plan-after-apply] ${folder}: ${objects.length} valid objects (${skipped} not valid, skipped), ${outcome.duplicates} duplicates, ` +
          `${outcome.applied} applied (${outcome.defaulted} with defaults filled in), ${outcome.refused.length} refused, ${outcome.createdNamespaces.length} namespaces created, ` +
          `${outcome.adopted.length} adopted, ${outcome.gone.length} deleted by controllers, ${outcome.diffs.length} with a diff`,
      );
      if (outcome.refused.length > 0) console.table(outcome.refused);
      const shown = outcome.diffs.map((d) => ({ resource: d.resource, file: d.file, changes: JSON.stringify(d.changes).slice(0, 400) }));
      if (shown.length > 0) console.table(shown);
      const expected = EXPECTED[folder];
      expect(outcome.applied).toBeGreaterThan(0);
      expect(outcome.diffs.map((d) => [d.resource, d.changes])).toEqual([]);
      expect(outcome.refused.length, JSON.stringify(outcome.refused, null, 1)).toBe(expected.refused);
      const adopted = outcome.adopted.map((a) => `${a.resource} by ${a.by}: ${a.changes.map((c) => `${c.path} desired ${JSON.stringify(c.after)}, live ${JSON.stringify(c.before)}`).join(", ")}`);
      expect(adopted).toEqual(expected.adopted ?? []);
      expect(outcome.gone).toEqual(expected.gone ?? []);
    });
  }
});
