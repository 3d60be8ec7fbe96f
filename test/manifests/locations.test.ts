import { describe, expect, it } from "vitest";
import { decodeManifestBytes, firstInvalidUtf8 } from "../../src/manifests/file-content.js";
import { SourceFile } from "../../src/manifests/source-file.js";

const TEXT = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, "app.kubernetes.io/name": web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
        - name: side
          image: "busybox"
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: one
`;

function locate(pointer: string, target: "key" | "value", documentIndex = 0) {
  const finding = new SourceFile("f.yaml", TEXT).position({ severity: "error", rule: "t", message: "m", location: { kind: "node", documentIndex, pointer, target } });
  return [finding.line, finding.column, finding.endLine, finding.endColumn];
}

describe("JSON pointer → line and column", () => {
  it("finds values and keys, in block and flow style", () => {
    expect(locate("/spec/template/spec/containers/0/image", "value")).toEqual([12, 18, 12, 28]);
    expect(locate("/spec/template/spec/containers/0/image", "key")).toEqual([12, 11, 12, 16]);
    expect(locate("/spec/template/spec/containers/1/image", "value")).toEqual([14, 18, 14, 27]);
    expect(locate("/metadata/labels/app.kubernetes.io~1name", "value")).toEqual([6, 48, 6, 51]);
    expect(locate("/metadata/labels/app", "key")).toEqual([6, 12, 6, 15]);
  });

  it("points at the nearest existing ancestor when the field is missing", () => {
    expect(locate("/spec/selector", "key")).toEqual([7, 1, 7, 5]);
    expect(locate("/spec/template/spec/containers/5/name", "key")).toEqual([10, 7, 10, 17]);
  });

  it("addresses List items in later documents", () => {
    expect(locate("/items/0/metadata/name", "value", 1)).toEqual([22, 13, 22, 16]);
  });

  it("follows merge keys to the mapping the value came from", () => {
    const text = "base: &b\n  cpu: 100m\nlimits:\n  <<: *b\n  memory: 1Gi\n";
    const f = new SourceFile("m.yaml", text).position({ severity: "error", rule: "t", message: "m", location: { kind: "node", documentIndex: 0, pointer: "/limits/cpu", target: "value" } });
    expect([f.line, f.column]).toEqual([2, 8]);
  });

  it("keeps the source line for renderers", () => {
    const f = new SourceFile("f.yaml", TEXT).position({ severity: "error", rule: "t", message: "m", location: { kind: "offset", start: TEXT.indexOf("busybox") } });
    expect(f).toMatchObject({ line: 14, column: 19, snippet: '          image: "busybox"' });
  });
});

describe("bytes that are not a UTF-8 manifest", () => {
  const decode = (bytes: number[] | Uint8Array, maxBytes = 1024) => decodeManifestBytes(Uint8Array.from(bytes), { maxBytes });

  it("refuses files over the size limit, naming both sizes", () => {
    const result = decode(new Uint8Array(2048).fill(0x61), 1024);
    expect(result).toMatchObject({ ok: false, finding: { rule: "input/too-large", location: { kind: "file" } } });
    if (!result.ok) expect(result.finding.message).toBe("file is 2 KiB, over the 1 KiB limit");
  });

  it("refuses UTF-16 and UTF-32 files by their byte order mark", () => {
    expect(decode([0xff, 0xfe, 0x61, 0x00])).toMatchObject({ ok: false, finding: { rule: "input/encoding" } });
    expect(decode([0xfe, 0xff, 0x00, 0x61])).toMatchObject({ ok: false, finding: { rule: "input/encoding" } });
    expect(decode([0xff, 0xfe, 0x00, 0x00])).toMatchObject({ ok: false, finding: { message: expect.stringContaining("UTF-32LE") } });
  });

  it("refuses binary files at their first NUL byte", () => {
    const bytes = [...Buffer.from("a: 1\nbb"), 0, 1, 2];
    expect(decode(bytes)).toMatchObject({ ok: false, finding: { rule: "input/binary", location: { kind: "position", line: 2, column: 3 } } });
  });

  it("points at the first byte that is not UTF-8", () => {
    const bytes = [...Buffer.from("kind: ConfigMap\ndata:\n  name: caf"), 0xe9, ...Buffer.from("\n")];
    const result = decode(bytes);
    expect(result).toMatchObject({ ok: false, finding: { rule: "input/encoding", location: { kind: "position", line: 3, column: 12 } } });
    if (!result.ok) expect(result.finding.message).toContain("0xe9");
  });

  it("strips a UTF-8 byte order mark", () => {
    expect(decode([0xef, 0xbb, 0xbf, ...Buffer.from("a: 1")])).toEqual({ ok: true, text: "a: 1" });
  });

  it("finds invalid UTF-8 the way a strict decoder does", () => {
    expect(firstInvalidUtf8(Buffer.from("héllo ✓ 😀"))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
  });
});
