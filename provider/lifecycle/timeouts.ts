/** The default deadline of each wait: one hour, as the official provider. */
export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Parses a duration such as `"45m"`, `"1h30m"`, `"90s"` or `"1500ms"` to milliseconds;
 * `undefined` when the text is not a positive duration.
 */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return undefined;
  let totalMs = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    totalMs += Number(match[1]) * (DURATION_UNITS_MS[match[2] ?? ""] ?? Number.NaN);
  }
  return Number.isFinite(totalMs) && totalMs > 0 ? totalMs : undefined;
}

/**
 * The deadline of one wait, in milliseconds, from a resource's `timeouts` input (inputs were checked, so an
 * unparseable value falls back to the default).
 */
export function timeoutMs<K extends string>(
  inputs: { readonly timeouts?: Partial<Readonly<Record<K, string>>> },
  which: K,
): number {
  const text = inputs.timeouts?.[which];
  return (text === undefined ? undefined : parseDurationMs(text)) ?? DEFAULT_TIMEOUT_MS;
}
