// The `drydock.dev/sync-wave` annotation: an integer, default 0, lower waves apply first (as Argo
// CD's `argocd.argoproj.io/sync-wave`). A bad value is the user's error to fix, so it is reported
// rather than guessed at; the object then goes in wave 0 so the rest of the plan still shows.

export const SYNC_WAVE_ANNOTATION = "drydock.dev/sync-wave";

export type WaveReading = { ok: true; wave: number } | { ok: false; value: unknown };

export function readSyncWave(object: Record<string, unknown>): WaveReading {
  const value = annotationsOf(object)?.[SYNC_WAVE_ANNOTATION];
  if (value === undefined) return { ok: true, wave: 0 };
  // Annotation values are strings; an unquoted YAML integer is accepted because its meaning is plain.
  if (typeof value === "number" && Number.isSafeInteger(value)) return { ok: true, wave: value };
  if (typeof value === "string" && /^[+-]?\d+$/.test(value)) {
    const wave = Number(value);
    if (Number.isSafeInteger(wave)) return { ok: true, wave };
  }
  return { ok: false, value };
}

export function annotationsOf(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const metadata = object["metadata"];
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const annotations = (metadata as Record<string, unknown>)["annotations"];
  return typeof annotations === "object" && annotations !== null ? (annotations as Record<string, unknown>) : undefined;
}
