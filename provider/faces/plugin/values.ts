/** The engine's wire conventions for property values, as seen by the provider plugin. */

/** The key that marks a special value (a secret) in a property map. */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret. */
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/**
 * A property value with secret wrappers removed and `undefined` fields dropped: what the lifecycle code works on, and
 * what a protobuf Struct can hold (it refuses `undefined`). The engine marks secret outputs again from the inputs.
 */
export function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record[SIGNATURE_KEY] === SECRET_SIGNATURE) return plainValue(record["value"]);
  const plain: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    if (field !== undefined) plain[key] = plainValue(field);
  }
  return plain;
}

/** {@link plainValue} for a property map. */
export function plainProperties(value: unknown): Record<string, unknown> {
  const plain = plainValue(value ?? {});
  return typeof plain === "object" && plain !== null && !Array.isArray(plain) ? (plain as Record<string, unknown>) : {};
}

/** Wraps a value as a secret, so the engine keeps it encrypted in state. */
export function secretValue(value: unknown): Record<string, unknown> {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** The parts of a URN (`urn:pulumi:<stack>::<project>::<parents$type>::<name>`). */
export function parseUrn(urn: string): { type: string; name: string; stack: string; project: string } {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  return {
    type: qualifiedType.split("$").pop() ?? "",
    name: parts.slice(3).join("::"),
    stack: (parts[0] ?? "").replace(/^urn:pulumi:/, ""),
    project: parts[1] ?? "",
  };
}
