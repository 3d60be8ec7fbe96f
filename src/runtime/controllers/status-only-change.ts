// Controllers write their owners' status, and the watch brings each write back: a sync for those
// would only repeat the one that wrote it.
import type { WatchEvent } from "../store/watch-event.js";

/**
 * A change to an owner that needs no sync: only its status changed (its own write, usually). Spec
 * changes bump the generation; the start of a deletion sets deletionTimestamp without doing so.
 */
export function isStatusOnlyChange(event: WatchEvent): boolean {
  return (
    event.type === "MODIFIED" &&
    event.previous.metadata.generation === event.object.metadata.generation &&
    event.previous.metadata.deletionTimestamp === event.object.metadata.deletionTimestamp
  );
}
