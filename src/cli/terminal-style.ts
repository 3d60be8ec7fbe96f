import { styleText } from "node:util";

export type Style = "red" | "yellow" | "cyan" | "green" | "dim" | "bold";

/** Colours only when asked for; callers decide from --no-color, NO_COLOR and whether stdout is a TTY. */
export function painter(enabled: boolean): (style: Style, text: string) => string {
  // styleText checks stdout itself unless told not to; the caller has already decided.
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

export function colorEnabled(options: { flag: boolean; env: NodeJS.ProcessEnv; isTTY: boolean }): boolean {
  if (!options.flag) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== "") return false;
  if (options.env.FORCE_COLOR !== undefined && options.env.FORCE_COLOR !== "0") return true;
  return options.isTTY;
}
