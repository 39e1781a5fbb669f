/** The JSON type of a value: `null`, `array`, or its `typeof`. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * Every difference of shape between `actual` and `recorded`: keys and their order, and value types, recursively
 * (array items against the recorded first item, where both sides have items). Empty when they agree.
 */
export function shapeDifferences(actual: unknown, recorded: unknown, where = "$"): string[] {
  if (jsonType(actual) !== jsonType(recorded)) return [`${where}: ${jsonType(actual)}, recorded ${jsonType(recorded)}`];
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    const sample: unknown = recorded[0];
    if (sample === undefined) return [];
    return actual.flatMap((item: unknown, i) => shapeDifferences(item, sample, `${where}[${i}]`));
  }
  if (jsonType(recorded) !== "object") return [];
  const r = recorded as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = (o: object): string => Object.keys(o).join(",");
  if (keys(a) !== keys(r)) return [`${where}: keys ${keys(a)}, recorded ${keys(r)}`];
  return Object.keys(r).flatMap((key) => shapeDifferences(a[key], r[key], `${where}.${key}`));
}
