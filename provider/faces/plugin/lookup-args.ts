import type { CheckFailure } from "../../lifecycle/checks";
import { show } from "../../lifecycle/checks";
import type { LookupDescription, PropertyType } from "../../lifecycle/description";

/**
 * A lookup's arguments against its table, before any call: each required one given, each given one known and of its
 * type. The messages name the argument, the value and the fix, like a resource's check.
 */
export function checkLookupArgs(lookup: LookupDescription, args: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const names = Object.keys(lookup.inputs);
  for (const [name, spec] of Object.entries(lookup.inputs)) {
    const value = args[name];
    if (value === undefined || value === null || value === "") {
      if (spec.required === true) {
        failures.push({ property: name, reason: `${lookup.name} needs ${name}: ${spec.description}` });
      }
    } else if (!fits(value, spec.type)) {
      failures.push({
        property: name,
        reason: `${name} of ${lookup.name} must be ${typeText(spec.type)}, got ${show(value)}`,
      });
    }
  }
  for (const name of Object.keys(args)) {
    if (!names.includes(name)) {
      failures.push({
        property: name,
        reason: `${lookup.name} takes no argument ${JSON.stringify(name)}; it takes ${names.join(", ")}`,
      });
    }
  }
  return failures;
}

function fits(value: unknown, type: PropertyType): boolean {
  if (type === "string[]") return Array.isArray(value) && value.every((item) => typeof item === "string");
  if (typeof type === "string") return typeof value === type;
  return typeof value === "object";
}

function typeText(type: PropertyType): string {
  if (type === "string[]") return "a list of strings";
  if (typeof type === "string") return `a ${type}`;
  return `a ${type.object}`;
}
