// Failures of store operations are data, shaped like the API server's metav1.Status so that the
// CLI can print the exact upstream message and `-o json` can print the Status itself.
import type { Status } from "kubernetes-types/meta/v1.js";
import { qualifiedResource, type KindInfo } from "./kind-registry.js";
import type { KubeObject, ObjectRef } from "./kube-object.js";

export type StoreErrorReason = "NotFound" | "AlreadyExists" | "Conflict" | "Invalid" | "Forbidden" | "BadRequest";

export interface StoreError {
  reason: StoreErrorReason;
  /** The HTTP status code the API server would answer with. */
  code: number;
  message: string;
  details?: { group: string; kind: string; name: string };
}

export type StoreResult<T = KubeObject> = { ok: true; object: T } | { ok: false; error: StoreError };

/** Deleting either removes the object at once or marks it (deletionTimestamp) and waits. */
export type DeleteResult =
  | { ok: true; object: KubeObject; outcome: "deleted" | "pending" }
  | { ok: false; error: StoreError };

export function codeOf(reason: StoreErrorReason): number {
  switch (reason) {
    case "NotFound":
      return 404;
    case "AlreadyExists":
    case "Conflict":
      return 409;
    case "Invalid":
      return 422;
    case "Forbidden":
      return 403;
    case "BadRequest":
      return 400;
  }
}

export function storeError(reason: StoreErrorReason, message: string, details?: StoreError["details"]): StoreError {
  return details ? { reason, code: codeOf(reason), message, details } : { reason, code: codeOf(reason), message };
}

/** The metav1.Status the API server would return for this error. */
export function toStatus(error: StoreError): Status {
  const status: Status = { apiVersion: "v1", kind: "Status", metadata: {}, status: "Failure", message: error.message, reason: error.reason, code: error.code };
  if (error.details) status.details = { group: error.details.group, kind: error.details.kind, name: error.details.name };
  return status;
}

/** Thrown by `expectOk` when an operation that must succeed did not. */
export class StoreOperationError extends Error {
  constructor(readonly error: StoreError) {
    super(error.message);
  }
}

/** The object of a successful result; throws for a failed one. For callers where failure is a bug. */
export function expectOk<T>(result: { ok: true; object: T } | { ok: false; error: StoreError }): T {
  if (!result.ok) throw new StoreOperationError(result.error);
  return result.object;
}

export function errorDetails(ref: ObjectRef, info: KindInfo): StoreError["details"] {
  return { group: ref.group, kind: info.resource, name: ref.name };
}

/** `deployments.apps "web" not found` */
export function notFoundError(ref: ObjectRef, info: KindInfo): StoreError {
  return storeError("NotFound", `${qualifiedResource(ref.group, info)} "${ref.name}" not found`, errorDetails(ref, info));
}

export function conflictError(ref: ObjectRef, info: KindInfo): StoreError {
  return storeError(
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(ref.group, info)} "${ref.name}": the object has been modified; please apply your changes to the latest version and try again`,
    errorDetails(ref, info),
  );
}

/** `Deployment.apps`, `Pod`: how validation messages name a kind. */
export function qualifiedKind(group: string, kind: string): string {
  return group === "" ? kind : `${kind}.${group}`;
}

/** Why a Pod's binding is refused: only unbound Pods can be bound, as upstream's `assignPod` checks. */
export function bindingError(current: KubeObject, ref: ObjectRef, info: KindInfo): StoreError | undefined {
  if (ref.group !== "" || ref.kind !== "Pod") {
    return storeError("BadRequest", `the binding subresource exists only for pods, not ${qualifiedResource(ref.group, info)}`);
  }
  const nodeName = (current.spec as { nodeName?: string } | undefined)?.nodeName;
  if (current.metadata.deletionTimestamp !== undefined) {
    return storeError("Conflict", `Operation cannot be fulfilled on pods/binding "${ref.name}": pod ${ref.name} is being deleted, cannot be assigned to a host`, errorDetails(ref, info));
  }
  if (nodeName) {
    return storeError("Conflict", `Operation cannot be fulfilled on pods/binding "${ref.name}": pod ${ref.name} is already assigned to node "${nodeName}"`, errorDetails(ref, info));
  }
  return undefined;
}
