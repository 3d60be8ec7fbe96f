// The Node objects a new cluster starts with, from drydock.yaml `cluster.nodes`. A shape of
// `count` nodes gives `<name>-1` … `<name>-<count>`; a shape with a name and a count of one names a
// single node (the schema's "node name, or a prefix when count > 1"). Nodes are numbered across
// shapes, in order, for their pod ranges and addresses.
import type { KubeObject } from "../store/kube-object.js";
import type { ClusterConfig, NodeShape } from "../runtime-deps.js";
import { DEFAULT_NODE_SHAPE, nodeObject } from "./node-object.js";

export function initialNodes(config: ClusterConfig, now: number): KubeObject[] {
  const shapes: NodeShape[] = config.nodes.length > 0 ? config.nodes : [DEFAULT_NODE_SHAPE];
  const nodes: KubeObject[] = [];
  // Two shapes with the same prefix continue one numbering rather than collide.
  const used = new Map<string, number>();
  for (const shape of shapes) {
    const count = shape.count ?? 1;
    if (shape.name !== undefined && count === 1 && !used.has(shape.name)) {
      used.set(shape.name, 0);
      nodes.push(nodeObject(shape.name, shape, nodes.length + 1, now));
      continue;
    }
    const prefix = shape.name ?? DEFAULT_NODE_SHAPE.name;
    let last = used.get(prefix) ?? 0;
    for (let i = 0; i < count; i++) nodes.push(nodeObject(`${prefix}-${++last}`, shape, nodes.length + 1, now));
    used.set(prefix, last);
  }
  return nodes;
}
