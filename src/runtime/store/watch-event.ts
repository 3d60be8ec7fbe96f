// What watchers receive, as a Kubernetes watch delivers it. MODIFIED also carries the previous
// state, which informer-style handlers need and would otherwise have to cache.
import type { KubeObject } from "./kube-object.js";

export type WatchEvent =
  | { type: "ADDED"; object: KubeObject }
  | { type: "MODIFIED"; object: KubeObject; previous: KubeObject }
  | { type: "DELETED"; object: KubeObject };

export type WatchListener = (event: WatchEvent) => void;
