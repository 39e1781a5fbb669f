import type { OperationContext } from "../context/operation-context";

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

/** The deadline of one wait, and how messages name it. */
export interface WaitLimit {
  readonly ms: number;
  /** `timeouts.create (45m)`, or `customTimeouts.create (2m)` when the engine's deadline applies. */
  readonly text: string;
}

/** A wait limit fixed to a clock time: when the wait must give up. */
export interface WaitDeadline extends WaitLimit {
  readonly deadlineAtMs: number;
}

/**
 * The deadline of one wait: the resource's `timeouts.<which>` input when set (inputs were checked, so an unparseable
 * value counts as unset), else the engine's deadline for the operation (`customTimeouts`), else one hour.
 */
export function waitLimit<K extends string>(
  context: Pick<OperationContext, "engineTimeout">,
  inputs: { readonly timeouts?: Partial<Readonly<Record<K, string>>> },
  which: K,
): WaitLimit {
  const text = inputs.timeouts?.[which];
  const own = text === undefined ? undefined : parseDurationMs(text);
  if (own !== undefined) return { ms: own, text: `timeouts.${which} (${text})` };
  const engine = context.engineTimeout;
  if (engine !== undefined) return { ms: engine.ms, text: `${engine.name} (${durationText(engine.ms)})` };
  return { ms: DEFAULT_TIMEOUT_MS, text: `timeouts.${which} (${durationText(DEFAULT_TIMEOUT_MS)})` };
}

/** A duration as `parseDurationMs` reads it: `90s`, `45m`, `1h30m`, `1500ms`. */
export function durationText(ms: number): string {
  if (ms % 1000 !== 0) return `${ms}ms`;
  const parts: string[] = [];
  let rest = ms / 1000;
  for (const [unit, seconds] of [
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(rest / seconds);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * seconds;
  }
  return parts.join("") || "0s";
}
