// RFC 6901 JSON pointers: the address of a value inside a resource (`/spec/template/spec/containers/0`).

export function escapePointerToken(token: string | number): string {
  if (typeof token === "number") return String(token);
  return token.includes("~") || token.includes("/") ? token.replace(/~/g, "~0").replace(/\//g, "~1") : token;
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split("/").map(unescapePointerToken);
}

export function joinPointer(base: string, ...tokens: Array<string | number>): string {
  return base + tokens.map((t) => "/" + escapePointerToken(t)).join("");
}

/** The value at a pointer, or undefined when any step is missing. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  return valueAtPath(root, parsePointer(pointer));
}

export function valueAtPath(root: unknown, tokens: readonly string[]): unknown {
  let current: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (current !== null && typeof current === "object") current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}
