// Service admission: what the API server does to a core/v1 Service on create and on update of the
// main resource — defaults, reconciliation with the stored object, cluster-IP and node-port
// allocation, and the checks those need. See service-defaults.ts and service-allocator.ts.
import type { AdmissionPlugin } from "../store/admission.js";
import type { RuntimeDeps } from "../runtime-deps.js";
import { orderServiceSpec } from "./field-order.js";
import { DEFAULT_NODE_PORT_RANGE, DEFAULT_SERVICE_CIDR, ServiceIpRange } from "./ranges.js";
import { ServiceAllocator } from "./service-allocator.js";
import {
  applyServiceDefaults,
  dropTypeDependentFields,
  initialServiceStatus,
  initIPFamilyFields,
  keepsLoadBalancerStatus,
  normalizeClusterIPs,
  patchAllocatedValues,
} from "./service-defaults.js";
import { isService, serviceSpec, type ServiceSpec } from "./service-spec.js";

export function serviceAdmission(deps: RuntimeDeps): AdmissionPlugin {
  const allocator = new ServiceAllocator({ ids: deps.ids, ipRange: new ServiceIpRange(DEFAULT_SERVICE_CIDR), portRange: DEFAULT_NODE_PORT_RANGE });
  return ({ operation, object, current, store }) => {
    if (!isService(object)) return undefined;
    const spec = (object.spec ??= {}) as ServiceSpec;
    const old = operation === "update" && current ? serviceSpec(current) : undefined;
    applyServiceDefaults(spec);
    if (old) dropTypeDependentFields(spec, old);
    normalizeClusterIPs(spec, old);
    if (old) patchAllocatedValues(spec, old);
    initIPFamilyFields(spec);
    // Status is the server's on create; an update away from LoadBalancer clears the load balancer.
    if (!old) object.status = initialServiceStatus();
    else if (!keepsLoadBalancerStatus(spec)) object.status = { ...(object.status as object | undefined), ...initialServiceStatus() };
    const refused = allocator.allocate(store, object, spec, old);
    if (refused) return refused;
    object.spec = orderServiceSpec(spec);
    return undefined;
  };
}
