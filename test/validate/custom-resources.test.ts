import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { brief, CORPUS, itWithCorpus, tempDir, validateFiles, validatePaths } from "../helpers.js";

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1, exclusiveMaximum: true, maximum: 10}
              port: {x-kubernetes-int-or-string: true}
              color: {type: string, enum: [red, blue], nullable: true}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
              template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
          status: {type: object, properties: {ready: {type: boolean}}}
  - name: v2
    served: false
    storage: false
`;

const widget = (spec: string, apiVersion = "example.com/v1") => `apiVersion: ${apiVersion}\nkind: Widget\nmetadata:\n  name: w\n  namespace: shop\nspec:\n${spec}`;

describe("custom resources validated against CRDs in the input", () => {
  it("accepts a valid resource, whatever file the CRD is in", async () => {
    const report = await validateFiles({
      "crds/widget.yaml": CRD,
      "apps/w.yaml": widget("  size: 3\n  port: http\n  color: null\n  extra: {anything: [1, 2]}\n  template: {apiVersion: v1, kind: Pod, metadata: {name: x}, spec: {free: form}}\n"),
    });
    expect(report.findings).toEqual([]);
    expect(report.summary.resources).toBe(2);
  });

  it("reports what the API server would: types, ranges, enums, required and pruned fields", async () => {
    const report = await validateFiles({
      "crd.yaml": CRD,
      "w.yaml": widget("  size: 10\n  port: 1.5\n  color: green\n  shape: round\n  template: {metadata: {name: x}, other: 1}\n"),
      "missing.yaml": widget("  port: 80\n").replace("name: w", "name: m"),
    });
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`)).toEqual([
      "missing.yaml:6:1 schema/required spec.size is required",
      "w.yaml:7:9 schema/range spec.size must be < 10, got the number 10",
      "w.yaml:8:9 schema/type spec.port must be an integer or a string, got the number 1.5 (not an integer)",
      'w.yaml:9:10 schema/enum spec.color must be one of red, blue; got the string "green"',
      'w.yaml:10:3 schema/unknown-field unknown field "spec.shape"',
      'w.yaml:11:35 schema/unknown-field unknown field "spec.template.other"',
    ]);
  });

  it("validates the metadata of custom resources as ObjectMeta", async () => {
    const report = await validateFiles({ "crd.yaml": CRD, "w.yaml": widget("  size: 1\n").replace("  namespace: shop\n", "  namespace: shop\n  labels: {a: [1]}\n  bogus: 1\n") });
    expect(report.findings.map((f) => [f.rule, f.line])).toEqual([
      ["schema/type", 6],
      ["schema/unknown-field", 7],
    ]);
  });

  it("does not serve versions the CRD does not serve", async () => {
    const report = await validateFiles({ "crd.yaml": CRD, "w.yaml": widget("  size: 1\n", "example.com/v2") });
    expect(brief(report.findings)).toEqual(["w.yaml:2:7 error schema/missing"]);
  });

  it("keeps unknown fields of apiextensions.k8s.io/v1beta1 CRDs, which did not prune", async () => {
    const v1beta1 = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  version: v1
  names: {plural: gadgets, kind: Gadget}
  validation:
    openAPIV3Schema:
      properties:
        spec: {properties: {size: {type: integer}}}
`;
    const report = await validateFiles(
      { "crd.yaml": v1beta1, "g.yaml": "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {size: two, free: field}\n" },
      { kubeVersion: { major: 1, minor: 21 } },
    );
    expect(report.findings.map((f) => [f.file, f.rule])).toEqual([
      ["crd.yaml", "api/deprecated"],
      ["crd.yaml", "schema/not-validated"],
      ["g.yaml", "schema/type"],
    ]);
  });

  it("counts a CRD's scope when looking for duplicates", async () => {
    const cluster = CRD.replace("scope: Namespaced", "scope: Cluster");
    const report = await validateFiles({
      "crd.yaml": cluster,
      "a.yaml": widget("  size: 1\n").replace("  namespace: shop\n", "  namespace: a\n"),
      "b.yaml": widget("  size: 1\n").replace("  namespace: shop\n", "  namespace: b\n"),
    });
    expect(brief(report.findings)).toEqual(["a.yaml:5:14 warning k8s/namespace-ignored", "b.yaml:4:9 error resource/duplicate", "b.yaml:5:14 warning k8s/namespace-ignored"]);
    expect(report.findings[1].message).toBe("widget.example.com/w is defined more than once; it is also defined at a.yaml:4:9");
  });
});

describe("--schema-dir", () => {
  it("finds schemas in kubeconform's layout and follows relative references", async () => {
    const schemas = tempDir({
      "gizmo-example-v1.json": JSON.stringify({
        $schema: "http://json-schema.org/schema#",
        type: "object",
        properties: { spec: { $ref: "_definitions.json#/definitions/spec" } },
      }),
      "_definitions.json": JSON.stringify({
        definitions: { spec: { type: "object", properties: { size: { type: "integer", minimum: 0, exclusiveMinimum: true } }, additionalProperties: false } },
      }),
      "example.org/doohickey_v1.json": JSON.stringify({ type: "object", required: ["spec"] }),
    });
    const report = await validateFiles(
      {
        "g.yaml": "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {size: 0, colour: red}\n",
        "d.yaml": "apiVersion: example.org/v1\nkind: Doohickey\nmetadata: {name: d}\n",
      },
      { schemaDirs: [schemas] },
    );
    expect(report.findings.map((f) => [f.file, f.rule, f.message])).toEqual([
      ["d.yaml", "schema/required", "spec is required"],
      ["g.yaml", "schema/range", "spec.size must be > 0, got the number 0"],
      ["g.yaml", "schema/unknown-field", 'unknown field "spec.colour"'],
    ]);
  });

  it("reports a schema file that cannot be used, naming it", async () => {
    const schemas = tempDir({ "gizmo-example-v1.json": "{ not json" });
    const report = await validateFiles({ "g.yaml": "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\n" }, { schemaDirs: [schemas] });
    expect(brief(report.findings)).toEqual(["g.yaml:2:7 error schema/unusable"]);
    expect(report.findings[0].message).toContain(join(schemas, "gizmo-example-v1.json"));
  });

  itWithCorpus("validates kubeconform's TrainingJob fixture against its registry schema", async () => {
    const fixtures = join(CORPUS, "yannh__kubeconform/fixtures");
    const report = await validatePaths(fixtures, ["test_crd.yaml"], { schemaDirs: [join(fixtures, "registry")] });
    expect(report.summary).toMatchObject({ resources: 1, errors: 0 });
    expect(JSON.parse(readFileSync(join(fixtures, "registry/trainingjob-sagemaker-v1.json"), "utf8")).properties.spec).toBeDefined();
  });
});
