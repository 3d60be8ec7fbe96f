import { describe, expect, it } from "vitest";
import { nameWords, secretNamePattern } from "../../src/policy/builtin/secret-names.js";
import { deployment, runRule, where } from "./policy-helpers.js";

const C = "/spec/template/spec/containers/0";
const POD = "/spec/template/spec";

describe("policy/privileged", () => {
  it("reports privileged: true at the field", () => {
    const found = runRule("privileged", deployment({ container: `securityContext: {privileged: true}` }));
    expect(where(found)).toEqual([`Deployment/web ${C}/securityContext/privileged`]);
    expect(found[0].message).toContain('container "web" runs privileged');
  });

  it("accepts privileged: false or unset", () => {
    expect(runRule("privileged", deployment({ container: `securityContext: {privileged: false}` }))).toEqual([]);
    expect(runRule("privileged", deployment())).toEqual([]);
  });
});

describe("policy/privilege-escalation", () => {
  it("reports allowPrivilegeEscalation: true", () => {
    const found = runRule("privilege-escalation", deployment({ container: `securityContext: {allowPrivilegeEscalation: true}` }));
    expect(where(found)).toEqual([`Deployment/web ${C}/securityContext/allowPrivilegeEscalation`]);
    expect(found[0].message).toContain('container "web" sets allowPrivilegeEscalation: true');
  });

  it("accepts false and unset", () => {
    expect(runRule("privilege-escalation", deployment({ container: `securityContext: {allowPrivilegeEscalation: false}` }))).toEqual([]);
    expect(runRule("privilege-escalation", deployment())).toEqual([]);
  });
});

describe("policy/run-as-root", () => {
  const run = (pod: string, container: string) => runRule("run-as-root", deployment({ pod, container }));

  it("reports a container nothing keeps from running as root", () => {
    const [v, ...rest] = run("", "");
    expect(rest).toEqual([]);
    expect(v.pointer).toBe(C);
    expect(v.message).toContain("may run as root: neither its securityContext nor the pod's sets runAsNonRoot: true or a runAsUser above 0");
  });

  it("points at the container's securityContext when it has one", () => {
    expect(where(run("", `securityContext: {readOnlyRootFilesystem: true}`))).toEqual([`Deployment/web ${C}/securityContext`]);
  });

  it("reports runAsNonRoot: false", () => {
    const [v] = run("", `securityContext: {runAsNonRoot: false}`);
    expect(v.pointer).toBe(`${C}/securityContext/runAsNonRoot`);
    expect(v.message).toContain("runAsNonRoot is false");
  });

  it("reports runAsUser: 0 with its own message, where it is set", () => {
    const [v] = run(`securityContext: {runAsUser: 0}`, "");
    expect(v.pointer).toBe(`${POD}/securityContext/runAsUser`);
    expect(v.message).toBe(`container "web" runs as root: the pod's securityContext sets runAsUser: 0`);
    const [own] = run("", `securityContext: {runAsUser: 0}`);
    expect(own.pointer).toBe(`${C}/securityContext/runAsUser`);
    expect(own.message).toBe(`container "web" runs as root: runAsUser is 0`);
  });

  it("explains that runAsUser: 0 with runAsNonRoot: true does not start", () => {
    const [v] = run(`securityContext: {runAsNonRoot: true}`, `securityContext: {runAsUser: 0}`);
    expect(v.message).toContain("the kubelet refuses to start it");
  });

  it("accepts runAsNonRoot: true or a non-zero runAsUser, from the pod or the container", () => {
    expect(run(`securityContext: {runAsNonRoot: true}`, "")).toEqual([]);
    expect(run(`securityContext: {runAsUser: 1000}`, "")).toEqual([]);
    expect(run("", `securityContext: {runAsUser: 1000, runAsNonRoot: false}`)).toEqual([]);
    expect(run(`securityContext: {runAsUser: 0}`, `securityContext: {runAsUser: 1000}`)).toEqual([]);
  });

  it("lets the container's setting override the pod's", () => {
    expect(run(`securityContext: {runAsNonRoot: true}`, `securityContext: {runAsNonRoot: false}`)).toHaveLength(1);
    expect(run(`securityContext: {runAsNonRoot: false}`, `securityContext: {runAsNonRoot: true}`)).toEqual([]);
  });

  it("skips Windows pods", () => {
    expect(run(`os: {name: windows}`, "")).toEqual([]);
  });
});

describe.each([
  ["host-network", "hostNetwork", "each of its pods uses the node's network"],
  ["host-pid", "hostPID", "each of its pods sees every process on the node"],
  ["host-ipc", "hostIPC", "each of its pods shares the node's IPC namespace"],
] as const)("policy/%s", (id, flag, effect) => {
  it(`reports ${flag}: true at the field`, () => {
    const found = runRule(id, deployment({ pod: `${flag}: true` }));
    expect(where(found)).toEqual([`Deployment/web ${POD}/${flag}`]);
    expect(found[0].message).toContain(`Deployment "web" sets ${flag}: true`);
    expect(found[0].message).toContain(effect);
  });

  it(`accepts ${flag}: false and unset`, () => {
    expect(runRule(id, deployment({ pod: `${flag}: false` }))).toEqual([]);
    expect(runRule(id, deployment())).toEqual([]);
  });
});

const VOLUMES = `volumes:
  - name: logs
    hostPath: {path: /var/log}
  - name: scratch
    emptyDir: {}
  - name: docker
    hostPath: {path: /var/run/docker.sock, type: Socket}
  - name: run
    hostPath: {path: "/run/"}
  - name: containerd
    hostPath: {path: /run/containerd/containerd.sock}`;

describe("policy/host-path", () => {
  it("reports each hostPath volume, naming it and the path", () => {
    const found = runRule("host-path", deployment({ pod: VOLUMES }));
    expect(where(found)).toEqual([0, 2, 3, 4].map((i) => `Deployment/web ${POD}/volumes/${i}/hostPath`));
    expect(found[0].message).toContain('volume "logs" mounts "/var/log" from the node');
  });

  it("accepts other volumes", () => {
    expect(runRule("host-path", deployment({ pod: `volumes: [{name: data, emptyDir: {}}, {name: cfg, configMap: {name: c}}]` }))).toEqual([]);
  });
});

describe("policy/docker-socket", () => {
  it("reports runtime sockets and the folders that hold them", () => {
    const found = runRule("docker-socket", deployment({ pod: VOLUMES }));
    expect(where(found)).toEqual([2, 3, 4].map((i) => `Deployment/web ${POD}/volumes/${i}/hostPath/path`));
    expect(found[0].message).toContain('volume "docker" mounts the container runtime socket "/var/run/docker.sock" from the node');
    expect(found[1].message).toContain('mounts "/run/", which holds the container runtime socket "/run/docker.sock"');
  });

  it("reports the host's root and CRI-O's socket", () => {
    const found = runRule("docker-socket", deployment({ pod: `volumes: [{name: root, hostPath: {path: /}}, {name: crio, hostPath: {path: /var/run/crio/crio.sock}}]` }));
    expect(found).toHaveLength(2);
  });

  it("accepts other host paths, and takes its socket list from the options", () => {
    expect(runRule("docker-socket", deployment({ pod: `volumes: [{name: s, hostPath: {path: /var/run/thing.sock}}, {name: l, hostPath: {path: /var/log}}]` }))).toEqual([]);
    const custom = runRule("docker-socket", deployment({ pod: `volumes: [{name: s, hostPath: {path: /var/run/thing.sock}}]` }), { options: { sockets: ["/var/run/thing.sock"] } });
    expect(custom).toHaveLength(1);
  });
});

describe("policy/dangerous-capabilities", () => {
  it("reports each dangerous capability added, whatever its case or CAP_ prefix", () => {
    const found = runRule("dangerous-capabilities", deployment({ container: `securityContext:\n  capabilities:\n    add: [NET_BIND_SERVICE, sys_admin, CAP_NET_RAW]\n    drop: [ALL]` }));
    expect(where(found)).toEqual([`Deployment/web ${C}/securityContext/capabilities/add/1`, `Deployment/web ${C}/securityContext/capabilities/add/2`]);
    expect(found[0].message).toContain('container "web" adds capability SYS_ADMIN');
    expect(found[1].message).toContain("adds capability NET_RAW: raw sockets");
  });

  it("accepts harmless capabilities and dropped ones", () => {
    expect(runRule("dangerous-capabilities", deployment({ container: `securityContext:\n  capabilities:\n    add: [NET_BIND_SERVICE, CHOWN]\n    drop: [SYS_ADMIN]` }))).toEqual([]);
  });

  it("takes the list from the capabilities option", () => {
    const container = `securityContext:\n  capabilities:\n    add: [CHOWN, SYS_ADMIN]`;
    expect(where(runRule("dangerous-capabilities", deployment({ container }), { options: { capabilities: ["chown"] } }))).toEqual([
      `Deployment/web ${C}/securityContext/capabilities/add/0`,
    ]);
  });
});

describe("policy/secret-in-env", () => {
  it("reports literal values of variables named like secrets, at the value", () => {
    const found = runRule(
      "secret-in-env",
      deployment({
        container: `env:
  - {name: LOG_LEVEL, value: debug}
  - {name: DB_PASSWORD, value: hunter2}
  - {name: githubToken, value: ghp_123}
  - {name: PGPASSWORD, value: x}
  - {name: STRIPE_API_KEY, value: sk_live_1}`,
      }),
    );
    expect(where(found)).toEqual([1, 2, 3, 4].map((i) => `Deployment/web ${C}/env/${i}/value`));
    expect(found[0].message).toContain('container "web" sets environment variable DB_PASSWORD to a literal value');
  });

  it("reports private keys whatever the variable is called", () => {
    const [v] = runRule("secret-in-env", deployment({ container: `env:\n  - name: SSH\n    value: |\n      -----BEGIN OPENSSH PRIVATE KEY-----\n      abc\n      -----END OPENSSH PRIVATE KEY-----` }));
    expect(v.message).toContain("to what looks like a private key");
  });

  it("accepts valueFrom, empty values, variable references, switches and settings about secrets", () => {
    const found = runRule(
      "secret-in-env",
      deployment({
        container: `env:
  - name: DB_PASSWORD
    valueFrom: {secretKeyRef: {name: db, key: password}}
  - {name: API_TOKEN, value: ""}
  - {name: DB_PASSWORD_COPY, value: "$(DB_PASSWORD)"}
  - {name: POSTGRES_PASSWORD_FILE, value: /run/secrets/pg}
  - {name: TOKEN_TTL, value: "3600"}
  - {name: SECRET_NAME, value: db-credentials}
  - {name: TOKENIZER_MODEL, value: bert}
  - {name: SECRETARY_EMAIL, value: a@b.c}
  - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes"}
  - {name: REDIS_PASSWORD_ENABLED, value: "true"}`,
      }),
    );
    expect(found).toEqual([]);
  });

  it("takes the name patterns from the names option", () => {
    const container = `env: [{name: SESSION_SALT, value: abc}, {name: DB_PASSWORD, value: x}]`;
    expect(where(runRule("secret-in-env", deployment({ container }), { options: { names: ["SALT"] } }))).toEqual([`Deployment/web ${C}/env/0/value`]);
  });

  it("splits names into words", () => {
    expect(nameWords("dbPassword")).toEqual(["DB", "PASSWORD"]);
    expect(nameWords("APIKey")).toEqual(["API", "KEY"]);
    expect(nameWords("my.secret-value")).toEqual(["MY", "SECRET", "VALUE"]);
    expect(secretNamePattern("x_api_key")).toBe("API_KEY");
    expect(secretNamePattern("CLIENT_SECRETS")).toBe("SECRET");
    expect(secretNamePattern("AWS_ACCESS_KEY_ID")).toBeUndefined();
  });
});
