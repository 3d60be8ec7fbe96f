// The simulated image registry: which references can be pulled, how big they are and how long a
// pull takes. The default catalog merged with drydock.yaml `cluster.registry.repositories` (a listed
// repository replaces the default's tag list). A tag missing from a listed repository fails as
// containerd reports it; an unlisted repository pulls unless `cluster.registry.strict` is set.
// Everything derives from hashes of the reference, so a run never depends on chance.
import { createHash } from "node:crypto";
import { fnv1a32 } from "../ids/prng.js";
import type { RegistryConfig } from "../runtime-deps.js";
import { DEFAULT_CATALOG, type CatalogRepository } from "./default-catalog.js";
import { normalizeRepositoryName, type ImageReference } from "./image-reference.js";

export interface ImageFacts {
  /** `docker.io/library/nginx@sha256:…`: a container status's imageID. */
  imageId: string;
  sizeBytes: number;
  /** How long a pull takes when nothing of the image is on the node yet. */
  pullMs: number;
}

export type PullResult =
  | ({ ok: true } & ImageFacts)
  | {
      ok: false;
      /** The CRI error, as the kubelet prints it after `Failed to pull image "x": `. */
      message: string;
    };

const MIN_PULL_MS = 1_000;
const PULL_SPREAD_MS = 3_000;
const DEFAULT_SIZE_BYTES = 50_000_000;

export class ImageRegistry {
  private readonly repositories = new Map<string, CatalogRepository>();
  private readonly strict: boolean;
  private readonly described = new Map<string, ImageFacts>();

  constructor(config: Partial<RegistryConfig> | undefined) {
    for (const [name, repository] of Object.entries(DEFAULT_CATALOG)) this.repositories.set(name, repository);
    for (const [name, tags] of Object.entries(config?.repositories ?? {})) {
      const key = normalizeRepositoryName(name);
      if (key === undefined) continue;
      this.repositories.set(key, { tags, sizeBytes: this.repositories.get(key)?.sizeBytes ?? DEFAULT_SIZE_BYTES });
    }
    this.strict = config?.strict === true;
  }

  /** Whether the registry lists this repository (`docker.io/library/nginx`). */
  lists(repository: string): boolean {
    return this.repositories.has(repository);
  }

  /** Whether the registry has the image, and if so what it is. */
  pull(reference: ImageReference): PullResult {
    const listed = this.repositories.get(reference.repository);
    if (!listed && this.strict) return { ok: false, message: deniedMessage(reference) };
    if (listed && reference.digest === undefined && !listed.tags.includes(reference.tag ?? "latest")) {
      return { ok: false, message: notFoundMessage(reference) };
    }
    return { ok: true, ...this.describe(reference) };
  }

  /** The image's id, size and pull time, whether or not the registry still has it (an image already on a node). */
  describe(reference: ImageReference): ImageFacts {
    let facts = this.described.get(reference.canonical);
    if (!facts) this.described.set(reference.canonical, (facts = this.computeFacts(reference)));
    return facts;
  }

  private computeFacts(reference: ImageReference): ImageFacts {
    const digest = reference.digest ?? `sha256:${createHash("sha256").update(reference.canonical).digest("hex")}`;
    const hash = fnv1a32(reference.canonical);
    const base = this.repositories.get(reference.repository)?.sizeBytes ?? DEFAULT_SIZE_BYTES;
    // ±10% around the repository's typical size, different for every tag.
    const sizeBytes = Math.round(base * (0.9 + ((hash >>> 8) % 2001) / 10_000));
    return { imageId: `${reference.repository}@${digest}`, sizeBytes, pullMs: MIN_PULL_MS + (hash % PULL_SPREAD_MS) };
  }
}

function notFoundMessage(reference: ImageReference): string {
  const name = reference.canonical;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
}

function deniedMessage(reference: ImageReference): string {
  const name = reference.canonical;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
