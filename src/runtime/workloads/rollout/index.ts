// The rollout operations the `drydock rollout` command runs against a cluster's store.
export { describePodTemplate } from "./pod-template-text.js";
export { historyTable, rolloutHistory, type HistoryResult, type HistoryRow } from "./rollout-history.js";
export { rolloutPause, rolloutRestart, rolloutResume } from "./rollout-pause.js";
export { rolloutStatus, type RolloutStatus } from "./rollout-status.js";
export { findDeployment, findWorkload, qualifiedName, type RolloutKind, type RolloutRef, type RolloutResult } from "./rollout-target.js";
export { rolloutUndo } from "./rollout-undo.js";
export { watchRolloutStatus, type WatchOutcome, type WatchRolloutOptions } from "./rollout-watch.js";
