import { colorEnabled } from "./terminal-style.js";

export interface CliStreams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Reads all of standard input. */
  readStdin?: () => Uint8Array;
}

/** What a command needs from its surroundings; tests build one without a real process. */
export class CliContext {
  exitCode = 0;

  constructor(
    readonly streams: CliStreams,
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv,
    readonly version: string,
  ) {}

  get stdout(): CliStreams["stdout"] {
    return this.streams.stdout;
  }

  get stderr(): CliStreams["stderr"] {
    return this.streams.stderr;
  }

  readonly readStdin = (): Uint8Array => this.streams.readStdin?.() ?? new Uint8Array();

  color(flag: boolean): boolean {
    return colorEnabled({ flag, env: this.env, isTTY: this.streams.stdout.isTTY === true });
  }
}
