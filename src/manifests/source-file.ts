// One manifest file's text, with its detailed parse made only when needed: for errors, for tricky
// YAML, and to put findings on lines and columns where the fast locator is not sure of the place.
import type { Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import { parseDetailed, type DetailedParse } from "./detailed-parse.js";
import { FastLocator } from "./fast-locator.js";
import { LineIndex } from "./line-index.js";
import { locatePointer, type SourceSpan } from "./source-locator.js";

// A `# Source: chart/templates/x.yaml` comment as Helm writes it; only the detailed parse says which
// document it belongs to, so files that may have one are positioned by it.
const HELM_SOURCE = /#\s*Source:/;

export class SourceFile {
  private detailedParse?: DetailedParse;
  private lineIndex?: LineIndex;
  private fastLocator?: FastLocator;
  private helmSources?: boolean;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get detailed(): DetailedParse {
    this.detailedParse ??= parseDetailed(this.text);
    return this.detailedParse;
  }

  get hasDetailedParse(): boolean {
    return this.detailedParse !== undefined;
  }

  /** Line starts of the text: the detailed parse's when it exists, else a light index of its own. */
  get lines(): LineIndex {
    if (this.detailedParse) return this.detailedParse.lines;
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /** Gives a draft its line and column, and the Helm template it came from if there is one. */
  position(draft: FindingDraft): Finding {
    const { location, ...rest } = draft;
    const finding: Finding = { ...rest, file: this.path };
    const setSpan = (start: number, end?: number): void => {
      const lines = this.lines;
      const from = lines.position(start);
      finding.line = from.line;
      finding.column = from.column;
      finding.snippet = lines.lineText(from.line);
      if (end !== undefined && end > start) {
        const to = lines.position(end);
        finding.endLine = to.line;
        finding.endColumn = to.column;
      }
    };
    switch (location.kind) {
      case "file":
        break;
      case "position":
        Object.assign(finding, { line: location.line, column: location.column, snippet: this.lineText(location.line) });
        if (location.endLine !== undefined) Object.assign(finding, { endLine: location.endLine, endColumn: location.endColumn });
        break;
      case "offset":
        // Offsets come from the detailed parse, which also tells the Helm origin.
        void this.detailed;
        setSpan(location.start, location.end);
        break;
      case "node": {
        const span = this.locateFast(location.documentIndex, location.pointer, location.target);
        if (span) {
          setSpan(span.start, span.end);
          break;
        }
        const doc = this.detailed.documents[location.documentIndex];
        const found = doc ? locatePointer(doc.node, location.pointer, location.target) : undefined;
        if (found) setSpan(found.start, found.end);
        else setSpan(doc?.node.range[0] ?? 0);
        break;
      }
      default:
        location satisfies never;
    }
    const origin = this.originAt(finding.line);
    if (origin) finding.origin = origin;
    return finding;
  }

  /**
   * The span from the text alone, when the detailed parse is not made yet and the fast locator is
   * sure of it; undefined to leave the question to the detailed parse.
   */
  private locateFast(documentIndex: number, pointer: string, target: "key" | "value"): SourceSpan | undefined {
    if (this.detailedParse) return undefined;
    this.helmSources ??= HELM_SOURCE.test(this.text);
    if (this.helmSources) return undefined;
    this.fastLocator ??= new FastLocator(this.text, this.lines);
    return this.fastLocator.locate(documentIndex, pointer, target);
  }

  private lineText(line: number): string {
    return this.text.split("\n", line)[line - 1]?.replace(/\r$/, "") ?? "";
  }

  private originAt(line: number | undefined): string | undefined {
    if (line === undefined || !this.hasDetailedParse) return undefined;
    const { documents, lines } = this.detailed;
    let origin: string | undefined;
    for (const doc of documents) {
      if (lines.position(doc.node.range[0]).line > line) break;
      origin = doc.origin;
    }
    return origin;
  }
}
