// Where the schema for an apiVersion/kind comes from: a CRD in the input, a --schema-dir file, or the
// built-in Kubernetes 1.30 schemas, in that order. Each schema is compiled once, on first use.
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { formatApiVersion } from "../manifests/resource-key.js";
import { createAjv } from "./ajv-instance.js";
import { BUILTIN_DEFINITIONS_ID, builtinDefinitions, builtinKinds, type BuiltinKind } from "./builtin-schemas.js";
import { crdVersionSchemas } from "./crd-schemas.js";
import { builtinValidatorKey, loadPrecompiledValidators } from "./precompiled-validators.js";
import { findSchemaFile, loadSchemaFile } from "./schema-dir.js";

export type SchemaOrigin = { kind: "builtin" } | { kind: "crd"; file: string } | { kind: "schema-dir"; file: string };

export type SchemaResult = { ok: true } | { ok: false; errors: ErrorObject[] } | { ok: false; schemaProblem: string };

export class KindSchema {
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
    readonly namespaced: boolean,
    readonly origin: SchemaOrigin,
    private readonly schema: (() => Record<string, unknown>) | undefined,
    private compiled?: ValidateFunction | { problem: string },
  ) {}

  get builtIn(): boolean {
    return this.origin.kind === "builtin";
  }

  validate(object: unknown): SchemaResult {
    if (!this.schema) return { ok: true };
    if (!this.compiled) {
      try {
        this.compiled = sharedAjv().compile(this.schema());
      } catch (error) {
        this.compiled = { problem: error instanceof Error ? error.message : String(error) };
      }
    }
    if (!(this.compiled instanceof Function)) return { ok: false, schemaProblem: this.compiled.problem };
    return this.compiled(object) ? { ok: true } : { ok: false, errors: this.compiled.errors ?? [] };
  }
}

// Compiling is the expensive part. A process shares one Ajv (holding the built-in definitions, which
// CRD schemas refer to for metadata) and one set of built-in validators, precompiled at build time
// when possible; the Ajv is only created when something has to be compiled.
let ajv: Ajv | undefined;
let builtinEntries: Map<string, KindSchema> | undefined;

function sharedAjv(): Ajv {
  if (!ajv) {
    ajv = createAjv();
    ajv.addSchema(builtinDefinitions());
  }
  return ajv;
}

function builtins(): Map<string, KindSchema> {
  if (!builtinEntries) {
    const precompiled = loadPrecompiledValidators();
    builtinEntries = new Map(
      builtinKinds().map((k: BuiltinKind) => [
        keyOf(k.group, k.version, k.kind),
        new KindSchema(
          k.apiVersion,
          k.kind,
          k.namespaced,
          { kind: "builtin" },
          () => ({ $ref: `${BUILTIN_DEFINITIONS_ID}#/definitions/${k.definition}` }),
          precompiled?.[builtinValidatorKey(k.apiVersion, k.kind)],
        ),
      ]),
    );
  }
  return builtinEntries;
}

function keyOf(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

export interface CrdSource {
  object: Record<string, unknown>;
  file: string;
}

export class SchemaRegistry {
  private readonly crds = new Map<string, KindSchema>();
  private readonly fromDirs = new Map<string, KindSchema | null>();

  constructor(private readonly schemaDirs: readonly string[] = []) {}

  /** Registers the served versions of a CustomResourceDefinition found in the input. */
  addCrd({ object, file }: CrdSource): void {
    for (const v of crdVersionSchemas(object)) {
      const apiVersion = formatApiVersion(v);
      const schema = v.schema;
      this.crds.set(
        keyOf(v.group, v.version, v.kind),
        new KindSchema(apiVersion, v.kind, v.namespaced, { kind: "crd", file }, schema ? () => schema : undefined),
      );
    }
  }

  lookup(group: string, version: string, kind: string): KindSchema | undefined {
    const key = keyOf(group, version, kind);
    return this.crds.get(key) ?? this.fromSchemaDirs(group, version, kind) ?? builtins().get(key);
  }

  /** Whether a kind is namespaced, when anything knows it. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    for (const schema of this.allSchemas()) {
      if (schema.kind === kind && groupOf(schema.apiVersion) === group) return schema.namespaced;
    }
    return undefined;
  }

  /** apiVersions under which a kind is known, for "did you mean" hints. */
  apiVersionsOf(kind: string): string[] {
    return [...new Set(this.allSchemas().filter((s) => s.kind === kind).map((s) => s.apiVersion))].sort();
  }

  /** Kinds known in a group. */
  knownKinds(group: string): string[] {
    return [...new Set(this.allSchemas().filter((s) => groupOf(s.apiVersion) === group).map((s) => s.kind))].sort();
  }

  knownGroups(): Set<string> {
    return new Set(this.allSchemas().map((s) => groupOf(s.apiVersion)));
  }

  private allSchemas(): KindSchema[] {
    return [...this.crds.values(), ...builtins().values()];
  }

  private fromSchemaDirs(group: string, version: string, kind: string): KindSchema | undefined {
    if (this.schemaDirs.length === 0) return undefined;
    const key = keyOf(group, version, kind);
    let found = this.fromDirs.get(key);
    if (found === undefined) {
      const file = findSchemaFile(this.schemaDirs, group, version, kind);
      const namespaced = builtins().get(key)?.namespaced ?? this.isNamespaced(group, kind) ?? true;
      const apiVersion = formatApiVersion({ group, version });
      found = file
        ? new KindSchema(apiVersion, kind, namespaced, { kind: "schema-dir", file }, () => loadSchemaFile(sharedAjv(), file))
        : null;
      this.fromDirs.set(key, found);
    }
    return found ?? undefined;
  }
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
