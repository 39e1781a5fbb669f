import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ProviderName } from "../regions/regions";

/** Measured create-to-AVAILABLE seconds per provider. */
export type ProvisioningSamples = Readonly<Record<ProviderName, readonly number[]>>;

/** Medians of the recorded runs, used when the samples file cannot be read. */
const MEDIAN_SECONDS: ProvisioningSamples = { AWS: [169], AZURE: [59], GCP: [275] };

/** Where the samples are looked for when no file is given: the shared data folder beside the repository. */
const DEFAULT_FILE = "../shared/atlas/provisioning-times.json";

/**
 * Reads `{AWS:{samples:[…]}, AZURE:…, GCP:…}` from `file` (default {@link DEFAULT_FILE}, relative to the working
 * directory). Falls back to the medians when the file is missing or malformed: realistic timing is a convenience and
 * must not stop the emulator from starting.
 */
export function loadProvisioningSamples(file: string | undefined): ProvisioningSamples {
  try {
    const data = JSON.parse(readFileSync(resolve(file ?? DEFAULT_FILE), "utf8")) as Record<string, unknown>;
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
