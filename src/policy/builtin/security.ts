// What a compromised container could do to the node and its neighbours: privileges, host namespaces
// and paths, capabilities, and secrets written into the manifest in plain text.
import { posix } from "node:path";
import type { BuiltinRule, RuleViolation } from "../builtin-rule.js";
import type { ContainerRef, PodTemplate } from "../pod-templates.js";
import { named } from "./describe.js";
import { asArray, asName, asNumber, asRecord, asString, field, stringListOption, type Mapping } from "./fields.js";
import { checkContainers, checkPod } from "./pod-checks.js";
import { DEFAULT_SECRET_NAME_PATTERNS, isVariableReference, looksLikePrivateKey, secretNamePattern } from "./secret-names.js";

function containerFlag(flag: "privileged" | "allowPrivilegeEscalation", effect: string): BuiltinRule["check"] {
  return (resource) =>
    checkContainers(resource, {}, ({ container, pointer, label }) =>
      field(container, "securityContext", flag) === true ? { pointer: `${pointer}/securityContext/${flag}`, message: `${label} ${effect}` } : undefined,
    );
}

const privileged: BuiltinRule = {
  id: "privileged",
  category: "security",
  severity: "warning",
  description: "A container runs privileged.",
  hint: "remove privileged: true; add only the capabilities the container needs",
  check: containerFlag("privileged", "runs privileged: it has every capability and the host's devices, so escaping to the node is trivial"),
};

const privilegeEscalation: BuiltinRule = {
  id: "privilege-escalation",
  category: "security",
  severity: "warning",
  description: "A container sets allowPrivilegeEscalation: true.",
  hint: "set allowPrivilegeEscalation: false",
  check: containerFlag(
    "allowPrivilegeEscalation",
    "sets allowPrivilegeEscalation: true: a process in it can gain more privileges than its parent (setuid binaries, file capabilities)",
  ),
};

interface Setting<T> {
  value: T;
  pointer: string;
  /** Set on the pod rather than on the container. */
  fromPod: boolean;
}

/** A securityContext field as Kubernetes applies it: the container's value, else the pod's. */
function effective<T>(read: (value: unknown) => T | undefined, key: string, container: ContainerRef, template: PodTemplate): Setting<T> | undefined {
  const own = read(field(container.container, "securityContext", key));
  if (own !== undefined) return { value: own, pointer: `${container.pointer}/securityContext/${key}`, fromPod: false };
  const pod = read(field(template.spec, "securityContext", key));
  if (pod !== undefined) return { value: pod, pointer: `${template.pointer}/securityContext/${key}`, fromPod: true };
  return undefined;
}

const asBoolean = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

function runAsRootCheck(container: ContainerRef, template: PodTemplate): RuleViolation | undefined {
  // Windows containers have no UID 0 to avoid; runAsUserName governs them.
  if (field(template.spec, "os", "name") === "windows") return undefined;
  const user = effective(asNumber, "runAsUser", container, template);
  const nonRoot = effective(asBoolean, "runAsNonRoot", container, template);
  const { label } = container;
  if (user?.value === 0) {
    const where = user.fromPod ? "the pod's securityContext sets runAsUser: 0" : "runAsUser is 0";
    const message =
      nonRoot?.value === true
        ? `${label} sets runAsUser: 0 and runAsNonRoot: true, so the kubelet refuses to start it (${where})`
        : `${label} runs as root: ${where}`;
    return { pointer: user.pointer, message };
  }
  if (nonRoot?.value === true || (user !== undefined && user.value > 0)) return undefined;
  if (nonRoot?.value === false) {
    return { pointer: nonRoot.pointer, message: `${label} may run as root: runAsNonRoot is false and no runAsUser above 0 is set, so the image's USER decides` };
  }
  const own = asRecord(container.container.securityContext);
  return {
    pointer: own ? `${container.pointer}/securityContext` : container.pointer,
    message: `${label} may run as root: neither its securityContext nor the pod's sets runAsNonRoot: true or a runAsUser above 0, so the image's USER decides`,
  };
}

const runAsRoot: BuiltinRule = {
  id: "run-as-root",
  category: "security",
  severity: "warning",
  description: "A container runs as root, or nothing stops it from doing so.",
  hint: "set securityContext.runAsNonRoot: true (on the pod or the container) and runAsUser to a non-zero UID the image supports",
  check: (resource) => checkContainers(resource, {}, runAsRootCheck),
};

function hostNamespace(id: string, flag: "hostNetwork" | "hostPID" | "hostIPC", effect: string, hint: string): BuiltinRule {
  return {
    id,
    category: "security",
    severity: "warning",
    description: `The pod sets ${flag}: true.`,
    hint,
    check: (resource) =>
      checkPod(resource, (template) => {
        if (template.spec[flag] !== true) return undefined;
        const subject = resource.key.kind === "Pod" ? "the pod" : "each of its pods";
        return { pointer: `${template.pointer}/${flag}`, message: `${named(resource)} sets ${flag}: true: ${subject} ${effect}` };
      }),
  };
}

const hostNetwork = hostNamespace(
  "host-network",
  "hostNetwork",
  "uses the node's network, reaches every service bound to the node's interfaces, and takes ports on the node",
  "remove hostNetwork: true; expose the pods through a Service (or a hostPort if it must be the node's address)",
);
const hostPid = hostNamespace("host-pid", "hostPID", "sees every process on the node and, as root, can signal or inspect them", "remove hostPID: true");
const hostIpc = hostNamespace("host-ipc", "hostIPC", "shares the node's IPC namespace and can read other processes' shared memory", "remove hostIPC: true");

interface HostPathVolume {
  name?: string;
  path?: string;
  pointer: string;
}

function hostPathVolumes(template: PodTemplate): HostPathVolume[] {
  return asArray(template.spec.volumes).flatMap((value, i) => {
    const volume = asRecord(value);
    const hostPath = asRecord(volume?.hostPath);
    if (!volume || !hostPath) return [];
    return [{ name: asName(volume.name), path: asName(hostPath.path), pointer: `${template.pointer}/volumes/${i}/hostPath` }];
  });
}

function volumeLabel(volume: HostPathVolume): string {
  return volume.name === undefined ? "a volume" : `volume ${JSON.stringify(volume.name)}`;
}

const hostPath: BuiltinRule = {
  id: "host-path",
  category: "security",
  severity: "warning",
  description: "A pod mounts a hostPath volume.",
  hint: "use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead; if the host path is essential, mount it readOnly",
  check: (resource) =>
    checkPod(resource, (template) =>
      hostPathVolumes(template).map((volume) => ({
        pointer: volume.pointer,
        message: `${volumeLabel(volume)} mounts ${volume.path === undefined ? "a path" : JSON.stringify(volume.path)} from the node: the pod can read (and unless mounted readOnly, change) the node's files, and depends on what that node has`,
      })),
    ),
};

const RUNTIME_SOCKETS: readonly string[] = [
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/run/containerd/containerd.sock",
  "/var/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock",
  "/run/crio/crio.sock",
];

function normalizeHostPath(path: string): string | undefined {
  if (!path.startsWith("/")) return undefined;
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

/** The socket the host path is or contains (a parent directory exposes it too). */
function exposedSocket(path: string, sockets: readonly string[]): string | undefined {
  const normal = normalizeHostPath(path);
  if (normal === undefined) return undefined;
  const prefix = normal === "/" ? "/" : normal + "/";
  return sockets.find((socket) => socket === normal) ?? sockets.find((socket) => socket.startsWith(prefix));
}

const dockerSocket: BuiltinRule = {
  id: "docker-socket",
  category: "security",
  severity: "error",
  description: "A pod mounts the node's container runtime socket (Docker, containerd, CRI-O) or a folder holding it.",
  hint: "do not mount the runtime socket; build images with a rootless builder (BuildKit, kaniko) and read container data through the Kubernetes API",
  defaults: { sockets: RUNTIME_SOCKETS },
  check: (resource, { options }) => {
    const sockets = stringListOption(options.sockets, RUNTIME_SOCKETS);
    return checkPod(resource, (template) =>
      hostPathVolumes(template).flatMap((volume) => {
        const socket = volume.path === undefined ? undefined : exposedSocket(volume.path, sockets);
        if (socket === undefined || volume.path === undefined) return [];
        const what = normalizeHostPath(volume.path) === socket ? `the container runtime socket ${JSON.stringify(socket)}` : `${JSON.stringify(volume.path)}, which holds the container runtime socket ${JSON.stringify(socket)},`;
        return [{ pointer: `${volume.pointer}/path`, message: `${volumeLabel(volume)} mounts ${what} from the node: whoever controls the pod controls every container on the node` }];
      }),
    );
  },
};

const DANGEROUS_CAPABILITIES: readonly string[] = [
  "ALL",
  "SYS_ADMIN",
  "NET_ADMIN",
  "SYS_PTRACE",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_BOOT",
  "SYS_TIME",
  "NET_RAW",
  "BPF",
  "PERFMON",
  "DAC_READ_SEARCH",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
  "SYSLOG",
];

const CAPABILITY_EFFECTS: Readonly<Record<string, string>> = {
  ALL: "every capability, as good as privileged",
  SYS_ADMIN: "most of root's powers over the kernel (mounts, namespaces, devices)",
  NET_ADMIN: "control of the pod's network: interfaces, routes, firewall rules",
  SYS_PTRACE: "tracing and reading the memory of other processes",
  SYS_MODULE: "loading modules into the node's kernel",
  SYS_RAWIO: "raw access to devices and I/O ports",
  SYS_BOOT: "rebooting the node",
  SYS_TIME: "setting the node's clock",
  NET_RAW: "raw sockets, to spoof packets and sniff the pod network",
  BPF: "loading eBPF programs into the kernel",
  PERFMON: "reading kernel performance data, and with BPF, kernel memory",
  DAC_READ_SEARCH: "reading any file whatever its permissions, and opening host files by handle",
  MAC_ADMIN: "changing the AppArmor or SELinux policy",
  MAC_OVERRIDE: "bypassing the AppArmor or SELinux policy",
  SYSLOG: "reading kernel messages and addresses",
};

function capabilityName(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
}

const dangerousCapabilities: BuiltinRule = {
  id: "dangerous-capabilities",
  category: "security",
  severity: "warning",
  description: "A container adds a Linux capability that lets it break out of its isolation.",
  hint: "remove the capability from securityContext.capabilities.add, or grant a narrower one",
  defaults: { capabilities: DANGEROUS_CAPABILITIES },
  check: (resource, { options }) => {
    const dangerous = new Set(stringListOption(options.capabilities, DANGEROUS_CAPABILITIES).map(capabilityName));
    return checkContainers(resource, {}, ({ container, pointer, label }) =>
      asArray(field(container, "securityContext", "capabilities", "add")).flatMap((value, i) => {
        const raw = asString(value);
        const name = raw === undefined ? undefined : capabilityName(raw);
        if (name === undefined || !dangerous.has(name)) return [];
        const effect = CAPABILITY_EFFECTS[name] ?? "a capability on the list of dangerous ones";
        return [{ pointer: `${pointer}/securityContext/capabilities/add/${i}`, message: `${label} adds capability ${name}: ${effect}` }];
      }),
    );
  },
};

// Switches such as MYSQL_ALLOW_EMPTY_PASSWORD=yes are named after secrets but hold none.
const FLAG_VALUE = /^(true|false|yes|no|on|off|0|1)$/i;

function literalValue(env: Mapping): string | undefined {
  if (env.valueFrom !== undefined && env.valueFrom !== null) return undefined;
  const value = typeof env.value === "number" ? String(env.value) : env.value;
  if (typeof value !== "string" || value.trim() === "" || FLAG_VALUE.test(value.trim()) || isVariableReference(value)) return undefined;
  return value;
}

const secretInEnv: BuiltinRule = {
  id: "secret-in-env",
  category: "security",
  severity: "warning",
  description: "An environment variable named like a secret (PASSWORD, TOKEN, API_KEY, …) has a literal value in the manifest.",
  hint: "move the value into a Secret and read it with env[].valueFrom.secretKeyRef",
  defaults: { names: DEFAULT_SECRET_NAME_PATTERNS },
  check: (resource, { options }) => {
    const patterns = stringListOption(options.names, DEFAULT_SECRET_NAME_PATTERNS);
    return checkContainers(resource, {}, ({ container, pointer, label }) =>
      asArray(container.env).flatMap((value, i) => {
        const env = asRecord(value);
        const name = asName(env?.name);
        const literal = env && literalValue(env);
        if (name === undefined || literal === undefined) return [];
        const what = secretNamePattern(name, patterns) !== undefined ? "a literal value" : looksLikePrivateKey(literal) ? "what looks like a private key" : undefined;
        if (what === undefined) return [];
        return [
          {
            pointer: `${pointer}/env/${i}/value`,
            message: `${label} sets environment variable ${name} to ${what}: anyone who can read the ${resource.key.kind} or the repository can read the secret`,
          },
        ];
      }),
    );
  },
};

export const SECURITY_RULES: readonly BuiltinRule[] = [
  privileged,
  privilegeEscalation,
  runAsRoot,
  hostNetwork,
  hostPid,
  hostIpc,
  hostPath,
  dockerSocket,
  dangerousCapabilities,
  secretInEnv,
];
