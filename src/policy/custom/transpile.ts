// Policies run in node:vm as CommonJS scripts: a script can take `require` as a parameter, which is how
// the sandbox decides what a policy may import. Type-only imports disappear in the transpilation.
import type { ts as Ts } from "ts-morph";

export interface TranspiledPolicy {
  js: string;
  /** The source map's `mappings`, to report exceptions at lines of the .ts file. */
  mappings: string;
}

export function transpilePolicy(ts: typeof Ts, options: { path: string; text: string }): TranspiledPolicy {
  const output = ts.transpileModule(options.text, {
    fileName: options.path,
    reportDiagnostics: false,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      // Strict mode: writing to the frozen resources throws instead of silently doing nothing.
      alwaysStrict: true,
      esModuleInterop: true,
      sourceMap: true,
    },
  });
  const map = JSON.parse(output.sourceMapText ?? "{}") as { mappings?: unknown };
  return {
    js: output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"),
    mappings: typeof map.mappings === "string" ? map.mappings : "",
  };
}
