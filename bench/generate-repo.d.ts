/** Writes a seeded repository of `resources` objects under `dir`; returns how many were written. */
export function generateRepo(dir: string, resources: number, seed?: number): number;
