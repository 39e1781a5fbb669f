/**
 * Serialises a JSON value the way Atlas' `pretty=true` does (Jackson's default pretty printer): two-space indented
 * objects with `" : "` between name and value, arrays kept on one line as `[ a, b ]`, empty ones as `[ ]` and `{ }`.
 *
 * Atlas' own 401 body is printed this way too, so matching it byte for byte needs this printer, not `JSON.stringify`.
 */
export function prettyJson(value: unknown): string {
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[ ]";
    // Jackson's array indenter is inline: it does not deepen the indentation of objects nested in an array.
    return `[ ${value.map((item: unknown) => write(item, depth)).join(", ")} ]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{ }";
    const inner = "  ".repeat(depth + 1);
    const lines = entries.map(([key, v]) => `${inner}${JSON.stringify(key)} : ${write(v, depth + 1)}`);
    return `{\n${lines.join(",\n")}\n${"  ".repeat(depth)}}`;
  }
  return JSON.stringify(value) ?? "null";
}
