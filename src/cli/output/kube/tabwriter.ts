// Go's text/tabwriter, which kubectl prints every table and description through: cells end with a
// tab, a column's width is its widest cell plus padding (at least `minwidth`), and a column's block
// is the run of consecutive lines that have a cell in it — a line with fewer cells ends the block,
// so alignment restarts after it. The last cell of a line is not part of any column and is never
// padded. Widths count characters (runes), as Go does.

export interface TabwriterSettings {
  minwidth: number;
  padding: number;
}

/** `kubectl get`: minwidth 6, padding 3 (cli-runtime printers/tabwriter.go). */
export const GET_TABWRITER: TabwriterSettings = { minwidth: 6, padding: 3 };
/** `kubectl describe`: tabwriter.Init(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabwriterSettings = { minwidth: 0, padding: 2 };

/** Aligns tab-separated text the way Go's tabwriter does when flushed once. */
export function tabbed(text: string, settings: TabwriterSettings): string {
  const trailingNewline = text.endsWith("\n");
  const rawLines = text.split("\n");
  if (trailingNewline) rawLines.pop();
  const lines = rawLines.map((line) => line.split("\t"));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let text = "";
      for (let j = 0; j < cells.length; j++) {
        text += cells[j];
        if (j < widths.length) text += " ".repeat(Math.max(0, widths[j] - runeCount(cells[j])));
      }
      out.push(text);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      // A cell in this column: the lines before it are printed, then its block is measured.
      writeLines(start, current);
      start = current;
      let width = settings.minwidth;
      for (; current < line1; current++) {
        const cells = lines[current];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]) + settings.padding);
      }
      widths.push(width);
      format(start, current);
      widths.pop();
      start = current;
      current--; // the loop's increment re-examines the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join("\n") + (trailingNewline ? "\n" : "");
}

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
