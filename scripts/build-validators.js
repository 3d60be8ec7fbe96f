// Build step after tsc: writes dist/validate/builtin-validators.cjs and its V8 code cache (see
// src/validate/precompiled-validators.ts). The validators of the common kinds run once before the
// cache is taken, so their functions are compiled into it.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtinValidatorsSource } from "../dist/validate/build-validators.js";
import { PRECOMPILED_CACHE_FILE, PRECOMPILED_FILE, runCommonJs } from "../dist/validate/precompiled-validators.js";

const file = fileURLToPath(new URL(`../dist/validate/${PRECOMPILED_FILE}`, import.meta.url));
writeFileSync(file, builtinValidatorsSource());

const { exports: validators, script } = runCommonJs(file);
const podSpec = { containers: [{ name: "c", image: "i", ports: [{ containerPort: 80 }], resources: { requests: { cpu: "1" } }, env: [{ name: "A", value: "b" }] }], volumes: [{ name: "v", configMap: { name: "c" } }] };
const template = { metadata: { labels: { a: "b" } }, spec: podSpec };
const samples = {
  "apps/v1/Deployment": { spec: { selector: { matchLabels: { a: "b" } }, template } },
  "apps/v1/StatefulSet": { spec: { selector: { matchLabels: { a: "b" } }, template } },
  "apps/v1/DaemonSet": { spec: { selector: { matchLabels: { a: "b" } }, template } },
  "batch/v1/Job": { spec: { template } },
  "batch/v1/CronJob": { spec: { schedule: "* * * * *", jobTemplate: { spec: { template } } } },
  "v1/Pod": { spec: podSpec },
  "v1/Service": { spec: { ports: [{ port: 80 }], selector: { a: "b" } } },
  "v1/ConfigMap": { data: { a: "b" } },
  "v1/Secret": { stringData: { a: "b" } },
};
for (const [key, validate] of Object.entries(validators)) {
  validate({ apiVersion: "v1", kind: "K", metadata: { name: "n", labels: { a: "b" } }, ...(samples[key] ?? {}) });
}
writeFileSync(new URL(`../dist/validate/${PRECOMPILED_CACHE_FILE}`, import.meta.url), script.createCachedData());
