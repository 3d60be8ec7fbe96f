// Worker-thread entry for large validations (run by piscina).
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { validateBatch, type FileResult, type ValidateSettings } from "./validate-batch.js";

export interface ValidateTask {
  files: DiscoveredFile[];
  settings: ValidateSettings;
}

export default function runValidateTask(task: ValidateTask): FileResult[] {
  return validateBatch(task.files, task.settings);
}
