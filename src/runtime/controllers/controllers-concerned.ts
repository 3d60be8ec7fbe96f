// Which owners a change to a dependent (a pod, a ReplicaSet) concerns. Its controller, whatever the
// change; and when the change moved it to another controller (an adoption, a release), the previous
// one too, which has one dependent fewer to count.
import type { WatchEvent } from "../store/watch-event.js";
import { controllerOf } from "./owner-references.js";

/** The uids of the owners to sync: `current` (the object's controller, as the caller has it) first. */
export function controllersConcerned(event: WatchEvent, current: string | undefined): string[] {
  const uids = current === undefined ? [] : [current];
  if (event.type === "MODIFIED") {
    const before = controllerOf(event.previous)?.uid;
    if (before !== undefined && before !== current) uids.push(before);
  }
  return uids;
}
