// Images whose tag moves: the same manifest can run different code on different nodes and days.
import type { BuiltinRule } from "../builtin-rule.js";
import { asName } from "./fields.js";
import { mutableTag } from "./image-reference.js";
import { checkContainers } from "./pod-checks.js";

const latestTag: BuiltinRule = {
  id: "latest-tag",
  category: "images",
  severity: "warning",
  description: "A container image has no tag or the tag latest, which moves.",
  hint: "pin the image to a version tag (nginx:1.27.3) or a digest (nginx@sha256:…)",
  check: (resource) =>
    checkContainers(resource, {}, ({ container, pointer, label }) => {
      const image = asName(container.image);
      const mutable = image === undefined ? undefined : mutableTag(image);
      if (mutable === undefined) return undefined;
      const why =
        mutable === "missing"
          ? `without a tag, so it runs whatever "latest" is when a node pulls it`
          : `with the tag "latest", which moves: nodes can run different versions, and rolling back does not bring the old one back`;
      return { pointer: `${pointer}/image`, message: `${label} uses image ${JSON.stringify(image)} ${why}` };
    }),
};

const pullPolicyMutableTag: BuiltinRule = {
  id: "pull-policy-mutable-tag",
  category: "images",
  severity: "warning",
  description: "imagePullPolicy IfNotPresent or Never with a missing or latest tag, so nodes keep stale images.",
  hint: "pin the image to a version tag or digest, or remove imagePullPolicy so that Kubernetes pulls a latest image every time",
  check: (resource) =>
    checkContainers(resource, {}, ({ container, pointer, label }) => {
      const image = asName(container.image);
      const policy = container.imagePullPolicy;
      if (image === undefined || (policy !== "IfNotPresent" && policy !== "Never")) return undefined;
      const mutable = mutableTag(image);
      if (mutable === undefined) return undefined;
      const tag = mutable === "missing" ? `no tag (so "latest")` : `the tag "latest"`;
      const effect =
        policy === "Never"
          ? `a node never pulls it, so it runs whatever "latest" image the node already has, or none`
          : `a node that already has a "latest" image keeps running it, so nodes run different versions`;
      return {
        pointer: `${pointer}/imagePullPolicy`,
        message: `${label} pulls image ${JSON.stringify(image)} with ${tag} and imagePullPolicy ${policy}: ${effect}`,
      };
    }),
};

export const IMAGE_RULES: readonly BuiltinRule[] = [latestTag, pullPolicyMutableTag];
