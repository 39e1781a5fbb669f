import { existsSync } from "node:fs";
import path from "node:path";

/** Atlas data kept in the repository (`data/atlas/`), copied from the reference set with its source noted. */
export const REPO_ATLAS_DATA = path.resolve(__dirname, "../../../data/atlas");

/** A path under `data/atlas/`; throws (so the test fails, never skips) when it is missing. */
export function repoDataFile(...parts: string[]): string {
  const file = path.join(REPO_ATLAS_DATA, ...parts);
  if (!existsSync(file)) throw new Error(`missing data file ${file}`);
  return file;
}
