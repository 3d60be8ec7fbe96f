// The parts of a Pod the simulated kubelet reads and writes, typed loosely: objects come from users'
// manifests, so every field may be missing.

export interface ProbeSpec {
  httpGet?: { port?: number | string; path?: string };
  tcpSocket?: { port?: number | string };
  exec?: { command?: string[] };
  grpc?: { port?: number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

export interface EnvVarSpec {
  name?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef };
}

export interface EnvFromSpec {
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: "Always" | "IfNotPresent" | "Never";
  env?: EnvVarSpec[];
  envFrom?: EnvFromSpec[];
  ports?: Array<{ name?: string; containerPort?: number }>;
  readinessProbe?: ProbeSpec;
  livenessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
}

export interface VolumeSpec {
  name?: string;
  configMap?: { name?: string; optional?: boolean };
  secret?: { secretName?: string; optional?: boolean };
  projected?: { sources?: Array<{ configMap?: { name?: string; optional?: boolean }; secret?: { name?: string; optional?: boolean } }> };
}

export interface PodSpec {
  nodeName?: string;
  restartPolicy?: "Always" | "OnFailure" | "Never";
  terminationGracePeriodSeconds?: number;
  initContainers?: ContainerSpec[];
  containers?: ContainerSpec[];
  volumes?: VolumeSpec[];
  readinessGates?: Array<{ conditionType?: string }>;
}

export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | { terminated: TerminatedState };

export interface TerminatedState {
  exitCode: number;
  reason: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

/** core/v1 ContainerStatus, in the API's field order. */
export interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: { terminated?: TerminatedState };
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
}

export interface PodCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastProbeTime?: null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  [field: string]: unknown;
}

export type RestartPolicy = "Always" | "OnFailure" | "Never";

export function restartPolicyOf(spec: PodSpec): RestartPolicy {
  return spec.restartPolicy ?? "Always";
}
