// Generates strict JSON schemas for every built-in kind of Kubernetes 1.30 from the TypeScript
// definitions in kubernetes-types, walked with ts-morph. Output (committed, so validation is offline):
//   schemas/kubernetes/v1.30/_definitions.json   every type, upstream OpenAPI names, draft-04 compatible
//   schemas/kubernetes/v1.30/index.json          the kinds: apiVersion, scope, definition, file
//   schemas/kubernetes/v1.30/<kind>-<group>-<version>.json   one small file per kind, kubeconform's
//                                                           naming, so other tools can use them too
// Run with `npm run schemas`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Node, Project, type InterfaceDeclaration, type JSDocableNode, type TypeNode } from "ts-morph";
import type { BuiltinKind } from "../src/validate/builtin-schemas.js";
import { CLUSTER_SCOPED, ENUMS, EXTRA_KINDS, EXTRA_PROPERTIES, FLOAT_FIELDS } from "./schema-overrides.js";

type Schema = Record<string, unknown>;

const KUBERNETES_VERSION = "1.30";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const typesDir = dirname(createRequire(import.meta.url).resolve("kubernetes-types/package.json"));
export const outDir = join(root, "schemas", "kubernetes", `v${KUBERNETES_VERSION}`);

/** Upstream OpenAPI package for a kubernetes-types module ("apps/v1" → "io.k8s.api.apps.v1"). */
function openApiPackage(shortPackage: string): string {
  const special: Record<string, string> = {
    "meta.v1": "io.k8s.apimachinery.pkg.apis.meta.v1",
    "api.resource": "io.k8s.apimachinery.pkg.api.resource",
    runtime: "io.k8s.apimachinery.pkg.runtime",
    version: "io.k8s.apimachinery.pkg.version",
    "apiextensions.v1": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
    "apiregistration.v1": "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1",
  };
  return special[shortPackage] ?? `io.k8s.api.${shortPackage}`;
}

/** "core.v1.Container" → "io.k8s.api.core.v1.Container". */
function fullName(shortName: string): string {
  const dot = shortName.lastIndexOf(".");
  return `${openApiPackage(shortName.slice(0, dot))}.${shortName.slice(dot + 1)}`;
}

function shortPackageOf(node: Node): string {
  const rel = relative(typesDir, node.getSourceFile().getFilePath()).replace(/\.d\.ts$/, "");
  return rel.split("/").join(".");
}

function descriptionOf(node: JSDocableNode): string | undefined {
  const text = node
    .getJsDocs()
    .map((doc) => doc.getDescription().trim())
    .join("\n")
    .trim();
  return text === "" ? undefined : text;
}

/** Every value may be null: Go's decoder treats a JSON null as "not set" for any field. */
function nullable(schema: Schema): Schema {
  if ("$ref" in schema || "anyOf" in schema) return schema;
  const type = schema.type;
  if (Array.isArray(type)) return type.includes("null") ? schema : { ...schema, type: [...type, "null"] };
  if (typeof type === "string") return { ...schema, type: [type, "null"] };
  return schema;
}

const ref = (shortName: string): Schema => ({ $ref: `#/definitions/${fullName(shortName)}` });

class Generator {
  readonly definitions = new Map<string, Schema>();
  private readonly pending: InterfaceDeclaration[] = [];
  private readonly seen = new Set<string>();
  private readonly usedOverrides = new Set<string>();

  constructor(private readonly project: Project) {}

  interfaceName(decl: InterfaceDeclaration): string {
    return `${shortPackageOf(decl)}.${decl.getName()}`;
  }

  enqueue(decl: InterfaceDeclaration): string {
    const name = this.interfaceName(decl);
    if (!this.seen.has(name)) {
      this.seen.add(name);
      this.pending.push(decl);
    }
    return name;
  }

  enqueueByName(shortName: string): void {
    const dot = shortName.lastIndexOf(".");
    const file = join(typesDir, `${shortName.slice(0, dot).split(".").join("/")}.d.ts`);
    const decl = this.project.getSourceFileOrThrow(file).getInterfaceOrThrow(shortName.slice(dot + 1));
    this.enqueue(decl);
  }

  drain(): void {
    for (let decl = this.pending.shift(); decl; decl = this.pending.shift()) {
      const name = this.interfaceName(decl);
      this.definitions.set(fullName(name), this.interfaceSchema(name, decl));
    }
  }

  private interfaceSchema(name: string, decl: InterfaceDeclaration): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const prop of decl.getProperties()) {
      const propName = prop.getName().replace(/^"|"$/g, "");
      const typeNode = prop.getTypeNodeOrThrow();
      const key = `${name}.${propName}`;
      const optional = prop.hasQuestionToken();
      let schema = this.typeSchema(typeNode, { float: FLOAT_FIELDS.has(key) });
      if (FLOAT_FIELDS.has(key)) this.usedOverrides.add(key);
      schema = this.withEnum(key, schema, { nullable: optional });
      const description = descriptionOf(prop);
      if (description) schema = "$ref" in schema ? schema : { description, ...schema };
      if (optional) {
        properties[propName] = nullable(schema);
      } else {
        properties[propName] = schema;
        required.push(propName);
      }
    }
    const extra = EXTRA_PROPERTIES[name];
    if (extra) {
      this.usedOverrides.add(name);
      for (const [propName, schema] of Object.entries(extra)) {
        properties[propName] = this.withEnum(`${name}.${propName}`, this.rewriteRefs(schema) as Schema, { nullable: true });
      }
    }
    const result: Schema = { type: ["object", "null"], additionalProperties: false, properties: sortKeys(properties) };
    const description = descriptionOf(decl);
    if (description) result.description = description;
    if (required.length > 0) result.required = required.sort();
    if (decl.getProperties().length === 0) {
      // Empty interfaces (RawExtension, JSON) stand for arbitrary JSON.
      return description ? { description } : {};
    }
    return result;
  }

  private withEnum(key: string, schema: Schema, options: { nullable: boolean }): Schema {
    const direct = ENUMS[key];
    if (direct) {
      this.usedOverrides.add(key);
      return { ...schema, enum: [...direct, ...(options.nullable || isNullable(schema) ? [null] : [])] };
    }
    const items = ENUMS[`${key}[]`];
    if (items) {
      this.usedOverrides.add(`${key}[]`);
      return { ...schema, items: { ...(schema.items as Schema), enum: [...items] } };
    }
    return schema;
  }

  /** Turns short `$ref`s in hand-written override schemas into definition references. */
  rewriteRefs(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.rewriteRefs(v));
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (k === "$ref" && typeof v === "string" && !v.startsWith("#")) {
          if (!this.definitions.has(fullName(v)) && !EXTRA_DEFINITION_NAMES.has(v)) this.enqueueByName(v);
          out[k] = ref(v).$ref;
        } else {
          out[k] = this.rewriteRefs(v);
        }
      }
      return out;
    }
    return value;
  }

  typeSchema(node: TypeNode, options: { float: boolean }): Schema {
    if (Node.isParenthesizedTypeNode(node)) return this.typeSchema(node.getTypeNode(), options);
    if (Node.isUnionTypeNode(node)) return this.unionSchema(node.getTypeNodes(), options);
    if (Node.isArrayTypeNode(node)) {
      return { type: "array", items: this.typeSchema(node.getElementTypeNode(), options) };
    }
    if (Node.isLiteralTypeNode(node)) {
      const literal = node.getLiteral();
      if (Node.isStringLiteral(literal)) return { type: "string", enum: [literal.getLiteralValue()] };
      throw new Error(`unsupported literal type ${node.getText()}`);
    }
    if (Node.isTypeLiteral(node)) {
      const index = node.getIndexSignatures();
      if (index.length !== 1 || node.getProperties().length > 0) {
        throw new Error(`unsupported type literal ${node.getText()}`);
      }
      return { type: "object", additionalProperties: nullable(this.typeSchema(index[0].getReturnTypeNodeOrThrow(), options)) };
    }
    switch (node.getText()) {
      case "string":
        return { type: "string" };
      case "number":
        return { type: options.float ? "number" : "integer" };
      case "boolean":
        return { type: "boolean" };
    }
    if (Node.isTypeReference(node)) {
      const typeName = node.getTypeName().getText();
      const args = node.getTypeArguments();
      if (typeName === "Array" && args.length === 1) return { type: "array", items: this.typeSchema(args[0], options) };
      return this.referenceSchema(node, options);
    }
    throw new Error(`unsupported type node ${node.getKindName()}: ${node.getText()}`);
  }

  private unionSchema(members: TypeNode[], options: { float: boolean }): Schema {
    const texts = members.map((m) => m.getText()).sort();
    // IntOrString is the only union of primitives in the built-in API.
    if (texts.join("|") === "number|string") return { type: ["integer", "string"] };
    return { anyOf: members.map((m) => this.typeSchema(m, options)) };
  }

  private referenceSchema(node: TypeNode, options: { float: boolean }): Schema {
    if (!Node.isTypeReference(node)) throw new Error("expected a type reference");
    const symbol = node.getTypeName().getSymbolOrThrow();
    const decl = (symbol.getAliasedSymbol() ?? symbol).getDeclarations()[0];
    if (Node.isInterfaceDeclaration(decl)) {
      if (decl.getProperties().length === 0) return {};
      return ref(this.enqueue(decl));
    }
    if (Node.isTypeAliasDeclaration(decl)) {
      switch (decl.getName()) {
        case "Quantity":
          // Quantities are int-or-string on the wire: `memory: 256000` is as valid as `memory: 250Ki`.
          return { type: ["string", "number"], format: "quantity" };
        case "Time":
        case "MicroTime":
          return { type: "string", format: "date-time" };
        default:
          return this.typeSchema(decl.getTypeNodeOrThrow(), options);
      }
    }
    throw new Error(`cannot resolve type reference ${node.getText()}`);
  }

  assertOverridesUsed(): void {
    const unused = [...Object.keys(ENUMS), ...FLOAT_FIELDS, ...Object.keys(EXTRA_PROPERTIES)].filter((k) => !this.usedOverrides.has(k));
    if (unused.length > 0) throw new Error(`schema overrides name fields that do not exist:\n  ${unused.join("\n  ")}`);
  }
}

function isNullable(schema: Schema): boolean {
  return Array.isArray(schema.type) && schema.type.includes("null");
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const EXTRA_DEFINITION_NAMES = new Set(EXTRA_KINDS.flatMap((k) => Object.keys(k.definitions)));

/** An index entry: what the validator reads, plus the per-kind file for other tools. */
type KindEntry = BuiltinKind & { file: string };

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** kubeconform's file naming: lower-case kind, first label of the group, version. */
function kindFileName(group: string, version: string, kind: string): string {
  const groupPart = group === "" ? "" : `-${group.split(".")[0]}`;
  return `${kind.toLowerCase()}${groupPart}-${version}.json`;
}

function literalOf(decl: InterfaceDeclaration, property: string): string | undefined {
  const node = decl.getProperty(property)?.getTypeNode();
  if (node && Node.isLiteralTypeNode(node)) {
    const literal = node.getLiteral();
    if (Node.isStringLiteral(literal)) return literal.getLiteralValue();
  }
  return undefined;
}

/** Every file of schemas/kubernetes/v1.30, by name, as the generator makes it. */
export function generateSchemaFiles(): Map<string, string> {
  const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { types: [] } });
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".d.ts")) files.push(path);
    }
  };
  walk(typesDir);
  project.addSourceFilesAtPaths(files.sort());

  const generator = new Generator(project);
  const kinds: KindEntry[] = [];
  for (const sourceFile of project.getSourceFiles()) {
    for (const decl of sourceFile.getInterfaces()) {
      const apiVersion = literalOf(decl, "apiVersion");
      const kind = literalOf(decl, "kind");
      const metadataType = decl.getProperty("metadata")?.getTypeNode()?.getText();
      if (!apiVersion || !kind || metadataType !== "ObjectMeta" || kind.endsWith("List")) continue;
      const { group, version } = splitApiVersion(apiVersion);
      const definition = fullName(generator.enqueue(decl));
      kinds.push({
        apiVersion,
        group,
        version,
        kind,
        namespaced: !CLUSTER_SCOPED.has(`${group}/${kind}`),
        definition,
        file: kindFileName(group, version, kind),
      });
    }
  }
  generator.drain();

  for (const extra of EXTRA_KINDS) {
    const { group, version } = splitApiVersion(extra.apiVersion);
    for (const [shortName, schema] of Object.entries(extra.definitions)) {
      generator.definitions.set(fullName(shortName), generator.rewriteRefs(schema) as Schema);
    }
    kinds.push({
      apiVersion: extra.apiVersion,
      group,
      version,
      kind: extra.kind,
      namespaced: !CLUSTER_SCOPED.has(`${group}/${extra.kind}`),
      definition: fullName(`${group.split(".")[0]}.${version}.${extra.kind}`),
      file: kindFileName(group, version, extra.kind),
    });
  }
  generator.drain();
  generator.assertOverridesUsed();

  const servedKinds = new Set(kinds.map((k) => `${k.group}/${k.kind}`));
  const unusedScopes = [...CLUSTER_SCOPED].filter((k) => !servedKinds.has(k));
  if (unusedScopes.length > 0) throw new Error(`CLUSTER_SCOPED names kinds with no schema: ${unusedScopes.join(", ")}`);

  kinds.sort((a, b) => (a.apiVersion + "/" + a.kind < b.apiVersion + "/" + b.kind ? -1 : 1));
  const out = new Map<string, string>();
  const header = {
    $comment: `Generated by scripts/generate-schemas.ts from kubernetes-types for Kubernetes ${KUBERNETES_VERSION}. Do not edit.`,
  };
  out.set("_definitions.json", json({ ...header, definitions: sortKeys(Object.fromEntries(generator.definitions)) }));
  out.set("index.json", json({ ...header, kubernetesVersion: KUBERNETES_VERSION, kinds }));
  for (const k of kinds) {
    if (out.has(k.file)) throw new Error(`two kinds map to ${k.file}`);
    out.set(
      k.file,
      json({
        $comment: `${k.apiVersion} ${k.kind} (Kubernetes ${KUBERNETES_VERSION}, strict). Generated; do not edit.`,
        $ref: `_definitions.json#/definitions/${k.definition}`,
      }),
    );
  }
  return out;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 1) + "\n";
}

function main(): void {
  const files = generateSchemaFiles();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(outDir, name), content);
  console.log(`${files.size - 2} kinds → ${relative(root, outDir)}`);
}

// Run as a script (npm run schemas), not when a test imports generateSchemaFiles.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
