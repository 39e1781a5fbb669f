import { UNKNOWN_VALUE } from "./checks";

/** What `diff` answers; only these three fields reach the engine. */
export interface DiffAnswer {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** True when two values differ after normalising; an unknown new value (preview) always differs. */
export function differs<T>(old: unknown, next: unknown, normalise: (value: T) => string): boolean {
  if (next === UNKNOWN_VALUE || (Array.isArray(next) && next.includes(UNKNOWN_VALUE))) return true;
  if (old === undefined || old === null || next === undefined || next === null) return old !== next;
  return normalise(old as T) !== normalise(next as T);
}

/** True when any of `keys` (deadlines and flags, kept in state only) changed. */
export function settingsChanged(olds: Record<string, unknown>, news: Record<string, unknown>, keys: readonly string[]) {
  return keys.some((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
}
