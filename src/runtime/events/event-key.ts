// What makes two events "the same" for aggregation: upstream's getEventKey joins the source, the
// involved object (kind, namespace, name, fieldPath, uid, apiVersion), the type, reason and message.
export type EventType = "Normal" | "Warning";

export interface EventSource {
  component: string;
  host?: string;
}

/** core/v1 ObjectReference as an Event's involvedObject holds it. */
export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export function eventKey(
  involved: InvolvedObject,
  event: { type: EventType; reason: string; message: string; source: EventSource },
): string {
  return JSON.stringify([
    event.source.component,
    event.source.host ?? "",
    involved.kind,
    involved.namespace ?? "",
    involved.name,
    involved.fieldPath ?? "",
    involved.uid ?? "",
    involved.apiVersion ?? "",
    event.type,
    event.reason,
    event.message,
  ]);
}
