// describe's PrefixWriter over a tabwriter(0, 8, 2, ' '): text written at an indentation level (two
// spaces per level), aligned at tabs when flushed. A flush ends the current alignment blocks; the
// Events table is flushed apart from what precedes it, as DescribeEvents does.
import { DESCRIBE_TABWRITER, tabbed } from "../tabwriter.js";

export class DescribeWriter {
  private readonly flushed: string[] = [];
  private pending = "";

  write(level: number, text: string): void {
    this.pending += "  ".repeat(level) + text;
  }

  flush(): void {
    if (this.pending !== "") this.flushed.push(tabbed(this.pending, DESCRIBE_TABWRITER));
    this.pending = "";
  }

  toString(): string {
    this.flush();
    return this.flushed.join("");
  }
}
