// Errors that are the user's to fix (a bad path, revision, state folder, flag, or a locked state):
// the CLI prints their one sentence and exits 2, never a stack trace.
import { DesiredSourceError } from "../engine/desired-state.js";
import { InitError } from "../engine/init-repository.js";
import { GitSourceError } from "../git/git-repository.js";
import { PathNotFoundError } from "../manifests/discover-files.js";
import { StateLockedError, StateLockLostError } from "../runtime/persistence/state-lock.js";
import { StateFileError } from "../state/state-files.js";
import { UsageError } from "./exit-codes.js";

const USER_ERRORS = [PathNotFoundError, GitSourceError, DesiredSourceError, StateFileError, UsageError, InitError, StateLockedError, StateLockLostError];

export function isUserError(error: unknown): error is Error {
  return USER_ERRORS.some((type) => error instanceof type);
}
