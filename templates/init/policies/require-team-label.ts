// An example policy: every object says which team owns it. Edit it, or add your own beside it;
// `drydock policy test` runs the cases in require-team-label.test.yaml.
import { definePolicy } from "drydock/policy";

export default definePolicy({
  id: "require-team-label",
  description: "Every object carries a team label, so alerts reach the right people.",
  severity: "error",
  match: { kinds: ["Deployment", "StatefulSet", "DaemonSet", "Service", "ConfigMap"] },
  validate(resource, ctx) {
    const team = resource.metadata?.labels?.["team"];
    if (!team) ctx.report(`${resource.kind} ${resource.metadata?.name} has no team label`, { path: "/metadata" });
  },
});
