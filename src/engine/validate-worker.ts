// Worker-thread entry for large validations (run by piscina).
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { validateBatch, type BatchResult, type ValidateSettings } from "./validate-batch.js";

export interface ValidateTask {
  files: DiscoveredFile[];
  settings: ValidateSettings;
}

export default function runValidateTask(task: ValidateTask): BatchResult {
  return validateBatch(task.files, task.settings);
}
