// A created object is shown by how many fields it sets, not by its values: values of a Secret must
// never be printed, and the manifest is one click away in the PR anyway.

/** Leaf values of the object, `status` and the type fields (apiVersion, kind) left out. */
export function countFields(object: Record<string, unknown>): number {
  let count = 0;
  for (const [field, value] of Object.entries(object)) {
    if (field === "apiVersion" || field === "kind" || field === "status") continue;
    count += countLeaves(value);
  }
  return count;
}

function countLeaves(value: unknown): number {
  if (typeof value !== "object" || value === null) return 1;
  const children = Array.isArray(value) ? value : Object.values(value);
  // An empty list or map is still a field the object sets.
  if (children.length === 0) return 1;
  return children.reduce<number>((sum, child) => sum + countLeaves(child), 0);
}
