// What a describer may look up besides the object itself: the events about it and related objects
// (a deployment's ReplicaSets, a node's pods, a service's endpoints). The store answers these.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import type { ObjectQuery } from "../../../../runtime/store/object-query.js";

export interface DescribeSource {
  list(query: ObjectQuery): KubeObject[];
}

/** Events about `object`: same uid, or for a node also the kubelet's events that name it. */
export function eventsFor(source: DescribeSource, object: KubeObject): KubeObject[] {
  const uid = object.metadata.uid;
  const name = object.metadata.name ?? "";
  if (object.apiVersion === "v1" && object.kind === "Node") {
    // Node events live in the default namespace; the kubelet's carry the node's name as uid.
    return source
      .list({ group: "", kind: "Event", fieldSelector: { requirements: [{ field: "involvedObject.kind", operator: "=", value: "Node" }, { field: "involvedObject.name", operator: "=", value: name }] } })
      .filter((e) => {
        const involvedUid = (e.involvedObject as { uid?: string } | undefined)?.uid;
        return involvedUid === undefined || involvedUid === uid || involvedUid === name;
      });
  }
  if (uid === undefined) return [];
  const namespace = object.metadata.namespace;
  return source.list({
    group: "",
    kind: "Event",
    ...(namespace !== undefined ? { namespace } : {}),
    fieldSelector: { requirements: [{ field: "involvedObject.uid", operator: "=", value: uid }] },
  });
}
