import type { ResourceDescription } from "../../lifecycle/description";

/** The module every dynamic resource of this package registers in (the official provider's package name). */
export const DYNAMIC_MODULE = "mongodbatlas";

/** The type token a dynamic resource registers: `pulumi-nodejs:dynamic/mongodbatlas:<name>`. */
export function dynamicTypeToken(description: Pick<ResourceDescription, "name">): string {
  return `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:${description.name}`;
}

/**
 * The properties a dynamic resource class registers: every output of its schema declared (so the engine returns it),
 * then the user's arguments, then `resourceName`, which names the resource in progress lines.
 */
export function dynamicResourceProps(
  description: ResourceDescription,
  name: string,
  args: object,
): Record<string, unknown> {
  const outputs = Object.fromEntries(Object.keys(description.schema.outputs).map((key) => [key, undefined]));
  return { ...outputs, ...args, resourceName: name };
}
