import { UNKNOWN_VALUE } from "./checks";

/**
 * What `diff` answers. The dynamic-provider host passes on `changes`, `replaces` and `deleteBeforeReplace`; the plugin
 * also reports each property in `replaces` and `updates` as a detailed diff (`pulumi preview --diff`).
 */
export interface DiffAnswer {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
  /**
   * What changes in place: inputs, or an output whose state is itself the change (`unfinishedCreate` of a create to
   * resume). Together with `replaces`, every reason for `changes`.
   */
  readonly updates: string[];
  /**
   * Lines the dynamic face prints with the diff, for a change no input shows (the dynamic-provider host passes on no
   * property names; the plugin reports `updates` as a detailed diff): an unfinished create to resume.
   */
  readonly notes?: readonly string[];
}

/** True when two values differ after normalising; an unknown new value (preview) always differs. */
export function differs<T>(old: unknown, next: unknown, normalise: (value: T) => string): boolean {
  if (next === UNKNOWN_VALUE || (Array.isArray(next) && next.includes(UNKNOWN_VALUE))) return true;
  if (old === undefined || old === null || next === undefined || next === null) return old !== next;
  return normalise(old as T) !== normalise(next as T);
}

/** Which of `keys` (deadlines and flags, kept in state only) changed. */
export function changedSettings(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
): string[] {
  return keys.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
}
