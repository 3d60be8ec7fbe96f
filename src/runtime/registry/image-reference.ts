// Image references as containerd reads them (distribution/reference's ParseNormalizedNamed): a name
// without a registry is on Docker Hub, a one-part Docker Hub name is under `library/`, and a
// reference without tag or digest means `:latest`. So `nginx`, `docker.io/nginx` and
// `docker.io/library/nginx:latest` are one image.

export interface ImageReference {
  /** Registry host, e.g. `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  readonly domain: string;
  /** Repository path within the registry, e.g. `library/nginx`. */
  readonly path: string;
  /** `docker.io/library/nginx`: the key of a repository in the registry catalog. */
  readonly repository: string;
  /** The tag; `latest` when neither a tag nor a digest was written. */
  readonly tag: string | undefined;
  /** `sha256:<64 hex>` when the reference pins a digest. */
  readonly digest: string | undefined;
  /** The fully qualified reference containerd reports: `docker.io/library/nginx:1.25`. */
  readonly canonical: string;
}

export type ImageReferenceParse = { ok: true; reference: ImageReference } | { ok: false; message: string };

const DOCKER_HUB = "docker.io";
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

// Pods name few distinct images; parsing each once keeps the kubelet's hot path cheap.
const parsedCache = new Map<string, ImageReferenceParse>();
const PARSED_CACHE_LIMIT = 10_000;

export function parseImageReference(text: string): ImageReferenceParse {
  let parsed = parsedCache.get(text);
  if (!parsed) {
    if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
    parsed = deepFreezeParse(parseUncached(text));
    parsedCache.set(text, parsed);
  }
  return parsed;
}

function deepFreezeParse(parsed: ImageReferenceParse): ImageReferenceParse {
  if (parsed.ok) Object.freeze(parsed.reference);
  return Object.freeze(parsed);
}

function parseUncached(text: string): ImageReferenceParse {
  const invalid: ImageReferenceParse = { ok: false, message: "invalid reference format" };
  if (text === "" || text.length > 255 + 128 + 80) return invalid;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return invalid;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return invalid;
  }
  const parts = rest.split("/");
  let domain = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) {
    domain = parts.shift() ?? DOCKER_HUB;
    if (domain === "index.docker.io") domain = DOCKER_HUB;
  }
  if (parts.length === 0 || !parts.every((part) => PATH_COMPONENT.test(part))) return invalid;
  if (domain === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  const path = parts.join("/");
  const repository = `${domain}/${path}`;
  if (tag === undefined && digest === undefined) tag = "latest";
  const canonical = `${repository}${tag === undefined ? "" : `:${tag}`}${digest === undefined ? "" : `@${digest}`}`;
  return { ok: true, reference: { domain, path, repository, tag, digest, canonical } };
}

/** The catalog key of a repository name as drydock.yaml writes it (`nginx` → `docker.io/library/nginx`). */
export function normalizeRepositoryName(name: string): string | undefined {
  const parsed = parseImageReference(name);
  if (!parsed.ok || parsed.reference.digest !== undefined) return undefined;
  // A written tag is not part of a repository name; `nginx:1.25` is not a repository.
  if (name.slice(name.lastIndexOf("/") + 1).includes(":")) return undefined;
  return parsed.reference.repository;
}
