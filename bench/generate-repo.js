// Writes a realistic repository of manifests for benchmarks: Deployments, Services and ConfigMaps in
// namespaces, several documents per file, seeded so every run produces the same bytes.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function deployment(app, ns, random) {
  const replicas = 1 + Math.floor(random() * 5);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/part-of: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      containers:
        - name: ${app}
          image: registry.example.com/${app}:1.${Math.floor(random() * 40)}.${Math.floor(random() * 10)}
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: CONFIG_PATH
              value: /etc/${app}/config.yaml
          envFrom:
            - configMapRef:
                name: ${app}-config
          resources:
            requests:
              cpu: ${50 + Math.floor(random() * 200)}m
              memory: ${64 * (1 + Math.floor(random() * 8))}Mi
            limits:
              memory: ${64 * 16}Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 5
          volumeMounts:
            - name: config
              mountPath: /etc/${app}
      volumes:
        - name: config
          configMap:
            name: ${app}-config
`;
}

function service(app, ns) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    app.kubernetes.io/name: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function configMap(app, ns, random) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  config.yaml: |
    server:
      port: 8080
      timeout: ${Math.floor(random() * 60)}s
    features:
      cache: true
  LOG_FORMAT: json
`;
}

function namespaces(count) {
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${i}\n`).join("---\n");
}

/**
 * A repo of `resources` objects (a third each of Deployments, Services and ConfigMaps), plus the
 * 20 Namespaces they live in, so the references between them resolve as in a real repository.
 */
export function generateRepo(dir, resources, seed = 42) {
  const random = rng(seed);
  rmSync(dir, { recursive: true, force: true });
  const apps = Math.ceil(resources / 3);
  let written = 0;
  for (let i = 0; i < apps && written < resources; i++) {
    // 20 namespaces, each a folder of folders holding 25 apps (one file per app).
    const ns = `team-${i % 20}`;
    const app = `svc-${i}`;
    const docs = [deployment(app, ns, random), service(app, ns), configMap(app, ns, random)].slice(0, resources - written);
    written += docs.length;
    const folder = join(dir, ns, `group-${Math.floor(Math.floor(i / 20) / 25)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${app}.yaml`), docs.join("---\n"));
  }
  const namespaceCount = Math.min(20, apps);
  writeFileSync(join(dir, "namespaces.yaml"), namespaces(namespaceCount));
  return written + namespaceCount;
}
