import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import recordedTimes from "../data/atlas/provisioning-times.json";
import type { ProviderName } from "../regions/regions";

/** Measured create-to-AVAILABLE seconds per provider. */
export type ProvisioningSamples = Readonly<Record<ProviderName, readonly number[]>>;

/**
 * The recorded samples shipped with the emulator (`data/atlas/provisioning-times.json`). Imported, so the compiler
 * puts them in `dist/` beside the module: found from the module's own location, whatever the working directory.
 */
export const PACKAGED_SAMPLES: ProvisioningSamples = {
  AWS: recordedTimes.AWS.samples,
  AZURE: recordedTimes.AZURE.samples,
  GCP: recordedTimes.GCP.samples,
};

/** Medians of the recorded runs, used when a user's samples file cannot be read. */
const MEDIAN_SECONDS: ProvisioningSamples = { AWS: [169], AZURE: [59], GCP: [275] };

/**
 * The samples `realistic` timing draws from: without `file`, the packaged ones ({@link PACKAGED_SAMPLES}); else
 * `{AWS:{samples:[…]}, AZURE:…, GCP:…}` read from `file` (relative to the working directory). A file that is missing
 * or malformed means the medians: realistic timing is a convenience and must not stop the emulator from starting.
 */
export function loadProvisioningSamples(file: string | undefined): ProvisioningSamples {
  if (file === undefined) return PACKAGED_SAMPLES;
  try {
    const data = JSON.parse(readFileSync(resolve(file), "utf8")) as Record<string, unknown>;
    return { AWS: samplesOf(data, "AWS"), AZURE: samplesOf(data, "AZURE"), GCP: samplesOf(data, "GCP") };
  } catch {
    return MEDIAN_SECONDS;
  }
}

function samplesOf(data: Record<string, unknown>, provider: ProviderName): readonly number[] {
  const samples = (data[provider] as { samples?: unknown } | undefined)?.samples;
  if (!Array.isArray(samples)) throw new TypeError(`no samples for ${provider}`);
  const numbers = samples.filter((s): s is number => typeof s === "number" && Number.isFinite(s) && s >= 0);
  if (numbers.length === 0) throw new TypeError(`no samples for ${provider}`);
  return numbers;
}

/** One sample drawn with `random` (uniform over the recorded runs, so the long tail shows up now and then). */
export function drawSample(samples: readonly number[], random: () => number): number {
  const index = Math.min(samples.length - 1, Math.floor(random() * samples.length));
  return samples[index] ?? 0;
}
