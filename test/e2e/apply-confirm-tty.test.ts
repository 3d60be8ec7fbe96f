// `drydock apply` on a terminal: it shows the plan and asks before changing anything. The CLI runs
// under a pseudo-terminal made by util-linux `script`, and the answer is typed only once the
// question has appeared (no waiting on the clock).
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, tempDir } from "../helpers.js";
import { makeRepo } from "../git/git-fixture.js";

const HAS_SCRIPT = spawnSync("script", ["--version"]).status === 0;
if (!HAS_SCRIPT) console.warn("[drydock tests] util-linux `script` not found: the terminal confirmation tests are skipped");

const QUESTION = "Apply these changes? (yes/no)";

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: "on"
`;

/** Runs `drydock apply` on a pseudo-terminal, answering `answer` when the question shows. */
function applyOnTerminal(repo: string, state: string, answer: string): Promise<{ status: number | null; output: string }> {
  const command = [process.execPath, CLI, "apply", "--state", state].map((part) => `'${part}'`).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: repo, env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  let answered = false;
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (!answered && output.includes(QUESTION)) {
      answered = true;
      child.stdin.write(`${answer}\n`);
    }
  });
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, output })));
}

describe.skipIf(!HAS_SCRIPT)("drydock apply on a terminal", () => {
  it("applies after `yes`, and changes nothing after `no`", async () => {
    const repo = makeRepo({ "settings.yaml": CONFIG_MAP });
    const state = join(tempDir(), "state");

    const declined = await applyOnTerminal(repo, state, "no");
    expect(declined.output).toContain("+ create configmap/settings -n default");
    expect(declined.output).toContain(QUESTION);
    expect(declined.output).toContain("Apply cancelled.");
    expect(declined.status).toBe(1);
    expect(runCli(["plan", "--state", state], { cwd: repo }).stdout).toContain("Plan: 1 to create, 0 to update, 0 to delete.\n");

    const accepted = await applyOnTerminal(repo, state, "yes");
    expect(accepted.output).toContain("configmap/settings -n default created");
    expect(accepted.output).toContain("Apply complete: 1 created, 0 updated, 0 deleted. Health: Healthy.");
    expect(accepted.status).toBe(0);
    expect(runCli(["plan", "--state", state], { cwd: repo }).stdout).toBe("No changes. The cluster matches the desired state.\n");
  });
});
