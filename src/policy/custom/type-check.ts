// Type-checks policy files against `drydock/policy` and kubernetes-types, all files of a run in one
// in-memory program: building the program (the checker reading kubernetes-types) is most of the cost,
// so it is paid once per run, and once per process when the checker is reused (watch mode).
import type { Project, SourceFile, ts as Ts } from "ts-morph";
import type { ForbiddenImport, PolicyDiagnostic, SourcePosition } from "./compile-store.js";
import { kubernetesTypesFiles } from "./kubernetes-types-files.js";
import { publicApiDeclarations } from "./public-api-declarations.js";

type TsMorph = typeof import("ts-morph");

export interface TypeCheckInput {
  path: string;
  text: string;
}

export interface TypeCheckOutput {
  diagnostics: PolicyDiagnostic[];
  forbiddenImports: ForbiddenImport[];
  /** Where `export default` is, if anywhere. */
  definitionAt?: SourcePosition;
}

/** The `drydock` package as the in-memory program sees it: only its `./policy` entry. */
const DRYDOCK_PACKAGE = JSON.stringify({
  name: "drydock",
  type: "module",
  exports: { "./policy": { types: "./policy/public-api.d.ts" } },
});

export class PolicyTypeChecker {
  private readonly project: Project;
  private readonly ts: typeof Ts;
  private added: SourceFile[] = [];

  constructor(tsMorph: TsMorph) {
    this.ts = tsMorph.ts;
    this.project = createProject(tsMorph);
  }

  check(inputs: readonly TypeCheckInput[]): TypeCheckOutput[] {
    for (const file of this.added) this.project.removeSourceFile(file);
    // Each file gets its own folder: policies cannot import each other, and names may repeat across folders.
    this.added = inputs.map((input, i) =>
      this.project.createSourceFile(`/policies/${i}/${virtualName(input.path)}`, input.text, { overwrite: true }),
    );
    const program = this.project.getProgram().compilerObject;
    const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    return this.added.map((file) => {
      const node = file.compilerNode;
      const forbidden = forbiddenSpecifiers(this.ts, node);
      // "Cannot find module 'node:fs'" says less than the forbidden import reported in its place.
      const aboutForbidden = (d: Ts.Diagnostic) =>
        d.file === node && d.start !== undefined && forbidden.some((f) => d.start! >= f.getStart(node) && d.start! < f.getEnd());
      const own = [...program.getSyntacticDiagnostics(node), ...program.getSemanticDiagnostics(node)];
      const diagnostics = [...global, ...own]
        .filter((d) => d.category === this.ts.DiagnosticCategory.Error && !aboutForbidden(d))
        .map((d) => toPolicyDiagnostic(d, node));
      const forbiddenImports = forbidden.map((f) => ({ module: f.text, ...position(node, f.getStart(node)) }));
      return { diagnostics, forbiddenImports, definitionAt: definitionPosition(this.ts, node) };
    });
  }
}

function createProject(tsMorph: TsMorph): Project {
  const { Project, ts } = tsMorph;
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      // Bundler resolution takes `kubernetes-types/apps/v1` and `kubernetes-types/apps/v1.js` alike:
      // the package has no `exports`, and users write either.
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      moduleDetection: ts.ModuleDetectionKind.Force,
      lib: ["lib.es2022.d.ts"],
      types: [],
      strict: true,
      // Policies are transpiled one file at a time; this flags what that cannot compile.
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
    },
  });
  const fs = project.getFileSystem();
  const kubernetesTypes = kubernetesTypesFiles();
  for (const [path, text] of kubernetesTypes.files) fs.writeFileSync(`/node_modules/kubernetes-types/${path}`, withoutDocComments(text));
  fs.writeFileSync("/node_modules/drydock/package.json", DRYDOCK_PACKAGE);
  fs.writeFileSync("/node_modules/drydock/policy/public-api.d.ts", publicApiDeclarations(tsMorph));
  return project;
}

/**
 * Five sixths of kubernetes-types is documentation, which no one reads here and which the parser
 * would spend most of its time on. The files hold no `/**` outside comments.
 */
function withoutDocComments(text: string): string {
  return text.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\r?\n/gm, "");
}

function virtualName(path: string): string {
  const base = path.split(/[\\/]/).pop() || "policy.ts";
  return /\.[cm]?ts$/.test(base) ? base : `${base}.ts`;
}

function toPolicyDiagnostic(d: Ts.Diagnostic, file: Ts.SourceFile): PolicyDiagnostic {
  const message = flattenMessage(d.messageText);
  // Problems not tied to this file (options, global) have no position: the top of the file is the best place.
  if (d.file !== file || d.start === undefined) return { line: 1, column: 1, endLine: 1, endColumn: 1, message, code: d.code };
  const start = file.getLineAndCharacterOfPosition(d.start);
  const end = file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, message, code: d.code };
}

/** One line: a chain's elaborations follow its headline, depth first, as TypeScript prints them (less the indentation). */
export function flattenMessage(text: string | Ts.DiagnosticMessageChain): string {
  if (typeof text === "string") return text;
  return [text.messageText, ...(text.next ?? []).map(flattenMessage)].join(" ");
}

/** What a policy may import: its API, and kubernetes-types for types (it has no runtime code). */
export function isAllowedImport(specifier: string): boolean {
  return specifier === "drydock/policy" || specifier === "kubernetes-types" || specifier.startsWith("kubernetes-types/");
}

/** Module names in import/export declarations, `import x = require()`, `import()` and `require()`. */
function forbiddenSpecifiers(ts: typeof Ts, file: Ts.SourceFile): Ts.StringLiteralLike[] {
  const found: Ts.StringLiteralLike[] = [];
  const visit = (node: Ts.Node): void => {
    let specifier: Ts.Node | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
    else if (ts.isExternalModuleReference(node)) specifier = node.expression;
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      specifier = node.arguments[0];
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
    if (specifier && ts.isStringLiteralLike(specifier) && !isAllowedImport(specifier.text)) found.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function position(file: Ts.SourceFile, offset: number): SourcePosition {
  const { line, character } = file.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

function definitionPosition(ts: typeof Ts, file: Ts.SourceFile): SourcePosition | undefined {
  for (const statement of file.statements) {
    const isDefault =
      (ts.isExportAssignment(statement) && !statement.isExportEquals) ||
      (ts.canHaveModifiers(statement) &&
        (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword));
    if (!isDefault) continue;
    return position(file, statement.getStart(file));
  }
  return undefined;
}
