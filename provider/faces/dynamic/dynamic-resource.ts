import type * as pulumi from "@pulumi/pulumi";
import type { ResourceDescription } from "../../lifecycle/description";

/** The module every dynamic resource of this package registers in (the official provider's package name). */
export const DYNAMIC_MODULE = "mongodbatlas";

/** The type token a dynamic resource registers: `pulumi-nodejs:dynamic/mongodbatlas:<name>`. */
export function dynamicTypeToken(description: Pick<ResourceDescription, "name">): string {
  return `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:${description.name}`;
}

/**
 * What a dynamic resource class passes to `pulumi.dynamic.Resource`: its provider module (the stable subpath that state
 * `require`s), the properties (every output of its schema declared, so the engine returns it, then the user's
 * arguments, then `resourceName`, which names the resource in progress lines), and its type token's parts.
 */
export function dynamicResourceArgs(
  providerModule: pulumi.dynamic.ResourceProvider,
  description: ResourceDescription,
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
): ConstructorParameters<typeof pulumi.dynamic.Resource> {
  const outputs = Object.fromEntries(Object.keys(description.schema.outputs).map((key) => [key, undefined]));
  const props = { ...outputs, ...args, resourceName: name };
  return [providerModule, name, props, opts, DYNAMIC_MODULE, description.name];
}
