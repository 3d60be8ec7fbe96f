import { describe, expect, it } from "vitest";
import { mutableTag, parseImage } from "../../src/policy/builtin/image-reference.js";
import { deployment, policyResources, runRule, where } from "./policy-helpers.js";

function withImage(image: string, pullPolicy?: string): string {
  return deployment({ container: pullPolicy === undefined ? "" : `imagePullPolicy: ${pullPolicy}` }).replace("image: nginx:1.27", `image: ${JSON.stringify(image)}`);
}

describe("image references", () => {
  it.each([
    ["nginx", { repository: "nginx" }],
    ["nginx:1.27", { repository: "nginx", tag: "1.27" }],
    ["registry:5000/team/app", { repository: "registry:5000/team/app" }],
    ["registry:5000/team/app:v2", { repository: "registry:5000/team/app", tag: "v2" }],
    ["app@sha256:abc", { repository: "app", digest: "sha256:abc" }],
    ["app:latest@sha256:abc", { repository: "app", tag: "latest", digest: "sha256:abc" }],
  ])("parses %s", (image, expected) => {
    expect(parseImage(image)).toEqual({ tag: undefined, digest: undefined, ...expected });
  });

  it("tells missing and latest tags apart, and lets digests pin", () => {
    expect(mutableTag("nginx")).toBe("missing");
    expect(mutableTag("nginx:")).toBe("missing");
    expect(mutableTag("registry:5000/nginx")).toBe("missing");
    expect(mutableTag("nginx:latest")).toBe("latest");
    expect(mutableTag("nginx:Latest")).toBeUndefined();
    expect(mutableTag("nginx:latest@sha256:0123")).toBeUndefined();
    expect(mutableTag("nginx@sha256:0123")).toBeUndefined();
  });
});

describe("policy/latest-tag", () => {
  it("reports an image without a tag, at the image field", () => {
    const [v, ...rest] = runRule("latest-tag", withImage("nginx"));
    expect(rest).toEqual([]);
    expect(v.pointer).toBe("/spec/template/spec/containers/0/image");
    expect(v.message).toContain('container "web" uses image "nginx" without a tag');
  });

  it("reports the latest tag, in init containers too", () => {
    const found = runRule(
      "latest-tag",
      deployment({ pod: `initContainers:\n  - name: migrate\n    image: app:latest` }).replace("image: nginx:1.27", "image: nginx:latest"),
    );
    expect(where(found)).toEqual(["Deployment/web /spec/template/spec/initContainers/0/image", "Deployment/web /spec/template/spec/containers/0/image"]);
    expect(found[0].message).toContain('init container "migrate" uses image "app:latest" with the tag "latest", which moves');
  });

  it("accepts version tags and digests", () => {
    expect(runRule("latest-tag", withImage("nginx:1.27.3"))).toEqual([]);
    expect(runRule("latest-tag", withImage("nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"))).toEqual([]);
    expect(runRule("latest-tag", withImage("registry.local:5000/nginx:1.27"))).toEqual([]);
  });

  it("checks CronJob pods", () => {
    const found = runRule(
      "latest-tag",
      `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: "reporter"}]`,
    );
    expect(where(found)).toEqual(["CronJob/nightly /spec/jobTemplate/spec/template/spec/containers/0/image"]);
  });
});

describe("policy/pull-policy-mutable-tag", () => {
  it("reports IfNotPresent with a latest tag, at imagePullPolicy", () => {
    const [v, ...rest] = runRule("pull-policy-mutable-tag", withImage("app:latest", "IfNotPresent"));
    expect(rest).toEqual([]);
    expect(v.pointer).toBe("/spec/template/spec/containers/0/imagePullPolicy");
    expect(v.message).toContain('container "web" pulls image "app:latest" with the tag "latest" and imagePullPolicy IfNotPresent');
    expect(v.message).toContain("keeps running it");
  });

  it("reports Never with no tag", () => {
    const [v] = runRule("pull-policy-mutable-tag", withImage("app", "Never"));
    expect(v.message).toContain('no tag (so "latest") and imagePullPolicy Never');
  });

  it("accepts Always, the default, and pinned images", () => {
    expect(runRule("pull-policy-mutable-tag", withImage("app:latest", "Always"))).toEqual([]);
    expect(runRule("pull-policy-mutable-tag", withImage("app:latest"))).toEqual([]);
    expect(runRule("pull-policy-mutable-tag", withImage("app:1.2", "IfNotPresent"))).toEqual([]);
    expect(runRule("pull-policy-mutable-tag", withImage("app@sha256:00ff", "Never"))).toEqual([]);
  });

  it("ignores objects that run no pods", () => {
    expect(runRule("pull-policy-mutable-tag", policyResources(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {image: "x:latest"}`))).toEqual([]);
  });
});
