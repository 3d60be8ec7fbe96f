// The declarations of `drydock/policy` that policies are type-checked against. A built drydock ships
// them beside the compiled module (dist/policy/public-api.d.ts); when drydock runs from its TypeScript
// sources (tests, development), they are derived from public-api.ts instead.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type TsMorph = typeof import("ts-morph");

export type PublicApiFile =
  | { kind: "declarations"; path: string; text: string }
  | { kind: "source"; path: string; text: string };

const CANDIDATES: ReadonlyArray<{ kind: PublicApiFile["kind"]; url: URL }> = [
  { kind: "declarations", url: new URL("../public-api.d.ts", import.meta.url) },
  { kind: "source", url: new URL("../public-api.ts", import.meta.url) },
];

let located: PublicApiFile | undefined;

/** Reads the file only (no TypeScript): its text also keys the compile cache. */
export function locatePublicApi(): PublicApiFile {
  if (located) return located;
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(candidate.url);
    if (existsSync(path)) {
      const file: PublicApiFile = { kind: candidate.kind, path, text: readFileSync(path, "utf8") };
      located = file;
      return file;
    }
  }
  throw new Error(
    `drydock is missing ${fileURLToPath(CANDIDATES[0].url)}: the build must emit declarations for src/policy/public-api.ts`,
  );
}

let emitted: string | undefined;

export function publicApiDeclarations(tsMorph: TsMorph): string {
  const file = locatePublicApi();
  switch (file.kind) {
    case "declarations":
      return file.text;
    case "source":
      emitted ??= emitDeclarations(tsMorph, file.text);
      return emitted;
    default:
      return assertNever(file);
  }
}

/**
 * Every export of public-api.ts is explicitly typed, so its declarations need neither its imports nor
 * the standard library: a project with nothing else emits them in milliseconds.
 */
function emitDeclarations({ Project, ts }: TsMorph, text: string): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      declaration: true,
      emitDeclarationOnly: true,
      noLib: true,
      noResolve: true,
      types: [],
    },
  });
  const source = project.createSourceFile("/public-api.ts", text);
  const output = source.getEmitOutput({ emitOnlyDtsFiles: true }).getOutputFiles();
  const dts = output.find((f) => f.getFilePath().endsWith(".d.ts"));
  if (!dts) throw new Error("could not emit the declarations of drydock/policy");
  return dts.getText();
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}
