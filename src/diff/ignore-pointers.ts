// `sync.ignoreDifferences` JSON pointers (RFC 6901): subtrees left out of the comparison, for fields
// another actor legitimately owns (HPA replicas, an injected caBundle). A pointer may address a list
// item by index (`/spec/template/spec/containers/0/image`, as Argo CD's jsonPointers do) or by key in
// the owned-path encoding (`/spec/template/spec/containers/name=web/image`); both are checked.

export interface IgnoreMatcher {
  /** False when no pointer is ignored: callers may skip building pointers to ask. */
  readonly active: boolean;
  /** True when any of the given pointers of one field is ignored (so is everything below it). */
  ignores(...pointers: string[]): boolean;
}

export function ignoreMatcher(pointers: Iterable<string> | undefined): IgnoreMatcher {
  const set = new Set<string>();
  for (const pointer of pointers ?? []) {
    // "/spec/replicas/" and "/spec/replicas" mean the same field to a person writing drydock.yaml.
    set.add(pointer.length > 1 && pointer.endsWith("/") ? pointer.slice(0, -1) : pointer);
  }
  return { active: set.size > 0, ignores: (...candidates) => set.size > 0 && candidates.some((p) => set.has(p)) };
}
