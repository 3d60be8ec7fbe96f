import { describe, expect, it } from "vitest";
import { ImageRegistry } from "../../../src/runtime/registry/image-registry.js";
import { normalizeRepositoryName, parseImageReference } from "../../../src/runtime/registry/image-reference.js";

function ref(text: string) {
  const parsed = parseImageReference(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.reference;
}

describe("image references", () => {
  it("normalizes Docker Hub names, default tags and registries", () => {
    expect(ref("nginx").canonical).toBe("docker.io/library/nginx:latest");
    expect(ref("nginx:1.25").canonical).toBe("docker.io/library/nginx:1.25");
    expect(ref("docker.io/nginx:1.25").canonical).toBe("docker.io/library/nginx:1.25");
    expect(ref("index.docker.io/library/nginx").canonical).toBe("docker.io/library/nginx:latest");
    expect(ref("bitnami/redis:7.2").canonical).toBe("docker.io/bitnami/redis:7.2");
    expect(ref("registry.k8s.io/pause:3.9")).toMatchObject({ domain: "registry.k8s.io", path: "pause", repository: "registry.k8s.io/pause", tag: "3.9" });
    expect(ref("localhost:5000/app")).toMatchObject({ domain: "localhost:5000", repository: "localhost:5000/app", tag: "latest" });
    const digest = `sha256:${"a".repeat(64)}`;
    expect(ref(`nginx@${digest}`)).toMatchObject({ tag: undefined, digest, canonical: `docker.io/library/nginx@${digest}` });
    expect(ref(`nginx:1.25@${digest}`).canonical).toBe(`docker.io/library/nginx:1.25@${digest}`);
  });

  it("rejects what containerd cannot parse", () => {
    for (const bad of ["", "Nginx", "nginx:", "nginx@sha256:abc", "nginx:bad tag", "-nginx", "a//b"]) {
      expect(parseImageReference(bad).ok, bad).toBe(false);
    }
  });

  it("normalizes repository names from drydock.yaml", () => {
    expect(normalizeRepositoryName("nginx")).toBe("docker.io/library/nginx");
    expect(normalizeRepositoryName("quay.io/prometheus/prometheus")).toBe("quay.io/prometheus/prometheus");
    expect(normalizeRepositoryName("nginx:1.25")).toBeUndefined();
  });
});

describe("the simulated registry", () => {
  const registry = new ImageRegistry(undefined);

  it("lists real nginx tags, including those of the Kubernetes docs, and not the typo 1.91", () => {
    for (const tag of ["1.7.9", "1.9.1", "1.14.2", "1.16.1", "1.25", "1.27", "latest", "alpine"]) expect(registry.pull(ref(`nginx:${tag}`)).ok, tag).toBe(true);
    for (const tag of ["1.91", "1.161", "1.2.3.4"]) expect(registry.pull(ref(`nginx:${tag}`)).ok, tag).toBe(false);
    for (const image of ["busybox:1.28", "redis:7.2", "postgres:16", "httpd:2.4", "alpine:3.20", "ubuntu:22.04", "python:3.12", "node:20", "mysql:8.0", "registry.k8s.io/pause:3.9"]) {
      expect(registry.pull(ref(image)).ok, image).toBe(true);
    }
  });

  it("pulls any digest of a listed repository and any tag of an unlisted one", () => {
    expect(registry.pull(ref(`nginx@sha256:${"b".repeat(64)}`))).toMatchObject({ ok: true, imageId: `docker.io/library/nginx@sha256:${"b".repeat(64)}` });
    expect(registry.pull(ref("ghcr.io/acme/api:v9")).ok).toBe(true);
  });

  it("describes images deterministically: id, a size near the repository's, a pull time of 1–4 s", () => {
    const a = registry.describe(ref("nginx:1.25"));
    expect(registry.describe(ref("docker.io/library/nginx:1.25"))).toEqual(a);
    expect(a.imageId).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(a.sizeBytes).toBeGreaterThan(64_000_000);
    expect(a.sizeBytes).toBeLessThan(80_000_000);
    const times = ["nginx:1.25", "nginx:1.27", "redis:7", "busybox", "a/b:c", "x/y:z"].map((image) => registry.describe(ref(image)).pullMs);
    expect(times.every((ms) => ms >= 1000 && ms < 4000)).toBe(true);
    expect(new Set(times).size).toBeGreaterThan(1);
  });

  it("lets drydock.yaml replace a repository's tags and close unlisted repositories", () => {
    const custom = new ImageRegistry({ strict: true, repositories: { nginx: ["1.91"], "ghcr.io/acme/api": ["v1"] } });
    expect(custom.pull(ref("nginx:1.91")).ok).toBe(true);
    expect(custom.pull(ref("nginx:1.25")).ok).toBe(false);
    expect(custom.pull(ref("ghcr.io/acme/api:v1")).ok).toBe(true);
    expect(custom.pull(ref("ghcr.io/acme/api:v2")).ok).toBe(false);
    expect(custom.pull(ref("redis:7.2")).ok).toBe(true);
    expect(custom.pull(ref("ghcr.io/acme/other:v1")).ok).toBe(false);
  });
});
