import { REGION_ALIASES, REGION_ROWS } from "./regions-data";

/** The cloud providers Atlas offers private endpoint services for. */
export type ProviderName = "AWS" | "AZURE" | "GCP";

/** Every provider name Atlas accepts, in the spelling Atlas answers with. */
export const PROVIDER_NAMES: readonly ProviderName[] = ["AWS", "AZURE", "GCP"];

/**
 * Lookup tables of one provider. Plain objects rather than Maps: a provider copied by value into state (as happens
 * when the package is linked rather than installed) loses the internals of Maps, but keeps plain objects.
 */
interface RegionIndex {
  /** Any accepted spelling, folded by {@link foldRegion}, to the Atlas name. */
  readonly bySpelling: Readonly<Record<string, string>>;
  /** Atlas name to the cloud's own name, in table order. */
  readonly nativeByAtlas: Readonly<Record<string, string>>;
}

/** Folds case and the `-`/`_` difference, so `us-east-1`, `US_EAST_1` and `Us-East-1` meet. */
function foldRegion(region: string): string {
  return region.trim().toUpperCase().replace(/-/g, "_");
}

function buildIndex(provider: ProviderName): RegionIndex {
  const bySpelling: Record<string, string> = {};
  const nativeByAtlas: Record<string, string> = {};
  for (const [atlas, native] of REGION_ROWS[provider]) {
    nativeByAtlas[atlas] = native;
    bySpelling[foldRegion(atlas)] = atlas;
    // The first row for a cloud name wins: the generator orders base names before Assured Workloads twins.
    bySpelling[foldRegion(native)] ??= atlas;
  }
  for (const [alias, canonical] of REGION_ALIASES[provider] as readonly (readonly [string, string])[]) {
    bySpelling[foldRegion(alias)] = canonical;
  }
  return { bySpelling, nativeByAtlas };
}

const indexes: Partial<Record<ProviderName, RegionIndex>> = {};

function indexFor(provider: ProviderName): RegionIndex {
  return (indexes[provider] ??= buildIndex(provider));
}

function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** True when `value` names a provider in Atlas' spelling (`AWS`, `AZURE`, `GCP`). */
export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === "string" && (PROVIDER_NAMES as readonly string[]).includes(value);
}

/**
 * The Atlas spelling of a region (`eu-west-1` → `EU_WEST_1`, `us-central1` → `CENTRAL_US`), or `undefined` when the
 * region is not known for that provider.
 */
export function toAtlasRegion(provider: ProviderName, region: string): string | undefined {
  return lookup(indexFor(provider).bySpelling, foldRegion(region));
}

/** The cloud's own spelling of an Atlas region (`EU_WEST_1` → `eu-west-1`), or `undefined` when unknown. */
export function toNativeRegion(provider: ProviderName, atlasRegion: string): string | undefined {
  return lookup(indexFor(provider).nativeByAtlas, atlasRegion);
}

/** Every Atlas region name known for a provider. */
export function atlasRegions(provider: ProviderName): readonly string[] {
  return Object.keys(indexFor(provider).nativeByAtlas);
}

/** True when two spellings name the same Atlas region (`us-east-1` ≡ `US_EAST_1`). */
export function sameRegion(provider: ProviderName, a: string, b: string): boolean {
  const atlasA = toAtlasRegion(provider, a) ?? foldRegion(a);
  const atlasB = toAtlasRegion(provider, b) ?? foldRegion(b);
  return atlasA === atlasB;
}

/** The known spellings (Atlas and cloud) closest to an unknown region, for "did you mean" hints. */
export function suggestRegions(provider: ProviderName, region: string, limit = 3): string[] {
  const wanted = foldRegion(region);
  const scored: { spelling: string; distance: number }[] = [];
  for (const [atlas, native] of REGION_ROWS[provider]) {
    const distance = Math.min(editDistance(wanted, foldRegion(atlas)), editDistance(wanted, foldRegion(native)));
    const spelling = region.includes("-") || region === region.toLowerCase() ? native : atlas;
    scored.push({ spelling, distance });
  }
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.distance <= threshold)
    .sort((a, b) => a.distance - b.distance)
    .map((s) => s.spelling)
    .filter((spelling, i, all) => all.indexOf(spelling) === i)
    .slice(0, limit);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
