// Endpoints subsets hold sets, not sequences: the endpoints controller and the API server may return
// addresses and ports in any order (upstream's diff sorts them, EXPECTED.md "unsorted endpoint
// addresses" is no diff). Both sides are sorted the same way before the positional compare.
import { isPlainObject, type JsonObject } from "./json-value.js";

function sortBy(list: unknown, key: (item: JsonObject) => string): void {
  if (!Array.isArray(list)) return;
  list.sort((a, b) => {
    const x = isPlainObject(a) ? key(a) : "";
    const y = isPlainObject(b) ? key(b) : "";
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const addressKey = (a: JsonObject) => `${String(a.ip ?? "")}|${String(a.hostname ?? "")}`;
// Port numbers are padded so that 8080 sorts before 10000.
const portKey = (p: JsonObject) => `${String(p.name ?? "")}|${String(p.port ?? "").padStart(5, "0")}|${String(p.protocol ?? "TCP")}`;

/** Sorts every subset's addresses, notReadyAddresses and ports in place. */
export function sortEndpoints(endpoints: JsonObject): void {
  if (!Array.isArray(endpoints.subsets)) return;
  for (const subset of endpoints.subsets) {
    if (!isPlainObject(subset)) continue;
    sortBy(subset.addresses, addressKey);
    sortBy(subset.notReadyAddresses, addressKey);
    sortBy(subset.ports, portKey);
  }
}
