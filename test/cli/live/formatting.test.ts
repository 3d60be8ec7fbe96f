// The building blocks of kubectl's output: Go's tabwriter, HumanDuration ages, describe timestamps.
import { describe, expect, it } from "vitest";
import { humanDuration, rfc1123z, since } from "../../../src/cli/output/kube/human-duration.js";
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabbed } from "../../../src/cli/output/kube/tabwriter.js";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("tabwriter (Go text/tabwriter as kubectl configures it)", () => {
  it("pads every cell but the last to the widest cell plus 3, at least 6, for get", () => {
    expect(tabbed("NAME\tAGE\nweb\t5m\nlonger-name\t1s\n", GET_TABWRITER)).toBe("NAME          AGE\nweb           5m\nlonger-name   1s\n");
    // minwidth 6 wins over a short column
    expect(tabbed("A\tB\nx\ty\n", GET_TABWRITER)).toBe("A     B\nx     y\n");
  });

  it("pads with 2 and no minimum for describe", () => {
    expect(tabbed("Name:\tweb\nNamespace:\tdefault\n", DESCRIBE_TABWRITER)).toBe("Name:       web\nNamespace:  default\n");
  });

  it("ends a column block at a line with fewer cells, so alignment restarts after it", () => {
    const text = "Name:\tweb\nPod Template:\n  Labels:\tapp=web\n  Containers:\n    Image:\tnginx\n    Environment:\t<none>\n";
    expect(tabbed(text, DESCRIBE_TABWRITER)).toBe(
      ["Name:  web", "Pod Template:", "  Labels:  app=web", "  Containers:", "    Image:        nginx", "    Environment:  <none>", ""].join("\n"),
    );
  });

  it("aligns inner columns only across the lines that have them", () => {
    const text = "a\tb\tc\naaaa\tb\nx\tbbbbbb\tc\n";
    // column 0 spans all three lines; column 1 is a block on line 1 only, then again on line 3
    expect(tabbed(text, DESCRIBE_TABWRITER)).toBe("a     b  c\naaaa  b\nx     bbbbbb  c\n");
  });

  it("keeps trailing spaces of padded empty and space-ended cells, as kubectl prints them", () => {
    expect(tabbed("IP:\t\nIPs:\t<none>\n", DESCRIBE_TABWRITER)).toBe("IP:   \nIPs:  <none>\n");
    expect(tabbed("  Type\tStatus\n  Ready \tTrue \n", DESCRIBE_TABWRITER)).toBe("  Type    Status\n  Ready   True \n");
  });

  it("counts characters, not bytes", () => {
    expect(tabbed("ä\tx\nab\ty\n", DESCRIBE_TABWRITER)).toBe("ä   x\nab  y\n");
  });
});

describe("HumanDuration (AGE)", () => {
  it.each([
    [-5 * S, "<invalid>"],
    [-1500, "0s"],
    [0, "0s"],
    [999, "0s"],
    [59 * S, "59s"],
    [119 * S, "119s"],
    [2 * M, "2m"],
    [2 * M + 30 * S, "2m30s"],
    [9 * M + 59 * S, "9m59s"],
    [10 * M + 30 * S, "10m"],
    [179 * M, "179m"],
    [3 * H, "3h"],
    [3 * H + 20 * M, "3h20m"],
    [7 * H + 59 * M, "7h59m"],
    [8 * H + 30 * M, "8h"],
    [47 * H, "47h"],
    [48 * H, "2d"],
    [3 * D + 4 * H, "3d4h"],
    [7 * D + 23 * H, "7d23h"],
    [8 * D + 5 * H, "8d"],
    [729 * D, "729d"],
    [2 * 365 * D, "2y"],
    [3 * 365 * D + 10 * D, "3y10d"],
    [8 * 365 * D + 100 * D, "8y"],
  ])("%i ms is %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it("ages a metav1.Time at the simulated instant, <unknown> when unset", () => {
    const now = Date.UTC(2026, 0, 1, 0, 5, 30);
    expect(since("2026-01-01T00:00:00Z", now)).toBe("5m30s");
    expect(since(undefined, now)).toBe("<unknown>");
  });

  it("prints describe's timestamps as RFC 1123 with a numeric zone", () => {
    expect(rfc1123z("2026-01-01T00:00:00Z")).toBe("Thu, 01 Jan 2026 00:00:00 +0000");
    expect(rfc1123z("2026-03-15T13:04:05Z")).toBe("Sun, 15 Mar 2026 13:04:05 +0000");
  });
});
