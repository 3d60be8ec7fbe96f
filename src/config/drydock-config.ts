// drydock.yaml, typed, with its defaults. The schema is schemas/drydock.schema.json.

import type { NodeShape, RegistryConfig } from "../runtime/runtime-deps.js";

export type { NodeShape };

export interface DrydockConfig {
  source: { path: string; include: string[]; exclude: string[] };
  cluster: {
    nodes: NodeShape[];
    registry: RegistryConfig;
  };
  sync: {
    prune: boolean;
    selfHeal: boolean;
    interval: string;
    ignoreDifferences: Array<{ group?: string; kind: string; name?: string; namespace?: string; jsonPointers: string[] }>;
  };
  policy: {
    dir: string;
    enable: string[];
    disable: string[];
    severities: Record<string, "error" | "warning" | "info">;
    strict: boolean;
    options: Record<string, Record<string, unknown>>;
    timeout: string;
  };
  validation: {
    strict: boolean;
    kubeVersion: string;
    schemaDirs: string[];
    skipUnknown: boolean;
    skipKinds: string[];
    rejectKinds: string[];
    defaultNamespace: string;
  };
}

export const DEFAULT_CONFIG: DrydockConfig = {
  source: { path: "", include: [], exclude: [] },
  cluster: { nodes: [{ name: "worker", count: 3, cpu: "4", memory: "16Gi", pods: 110 }], registry: { strict: false, repositories: {} } },
  sync: { prune: true, selfHeal: true, interval: "3m", ignoreDifferences: [] },
  policy: { dir: "policies", enable: [], disable: [], severities: {}, strict: false, options: {}, timeout: "1s" },
  validation: { strict: true, kubeVersion: "1.30", schemaDirs: [], skipUnknown: false, skipKinds: [], rejectKinds: [], defaultNamespace: "default" },
};

export type ConfigOverrides = { [S in keyof DrydockConfig]?: Partial<DrydockConfig[S]> };

/** Each section of the file over the defaults' section. */
export function withDefaults(file: ConfigOverrides | null | undefined): DrydockConfig {
  const out = structuredClone(DEFAULT_CONFIG);
  for (const section of Object.keys(out) as Array<keyof DrydockConfig>) {
    Object.assign(out[section], file?.[section] ?? {});
  }
  return out;
}
