/**
 * The plugin's Pulumi package schema, built from the resources' property tables, import ids and lookups, and the
 * configuration table: the one place that describes types, functions, descriptions and secrets. `pulumi package
 * gen-sdk` reads it through `GetSchema`.
 */
import { PLUGIN_CONFIG, PLUGIN_PACKAGE } from "./config";
import type { ObjectTypeSpec, PropertySpec, PropertyType, ResourceDescription } from "../../lifecycle/description";

type JsonObject = Record<string, unknown>;

/** A resource's or function's token, e.g. `atlas-private-endpoint:index:PrivateEndpointService`. */
export function tokenOf(resource: Pick<ResourceDescription, "name">): string {
  return `${PLUGIN_PACKAGE}:index:${resource.name}`;
}

/** The token of an object type, e.g. `atlas-private-endpoint:index:PrivateEndpointServiceTimeouts`. */
export function typeToken(name: string): string {
  return `${PLUGIN_PACKAGE}:index:${name}`;
}

function typeOf(type: PropertyType): JsonObject {
  if (type === "string[]") return { type: "array", items: { type: "string" } };
  if (typeof type === "string") return { type };
  const ref = { $ref: `#/types/${typeToken(type.object)}` };
  return type.list === true ? { type: "array", items: ref } : ref;
}

function properties(table: Readonly<Record<string, PropertySpec>>): JsonObject {
  return Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [name, { ...typeOf(spec.type), description: spec.description }]),
  );
}

function required(table: Readonly<Record<string, PropertySpec>>): string[] {
  return Object.entries(table)
    .filter(([, spec]) => spec.required === true)
    .map(([name]) => name);
}

function objectType(type: ObjectTypeSpec): JsonObject {
  return {
    type: "object",
    description: type.description,
    properties: properties(type.properties),
    required: required(type.properties),
  };
}

/** How `pulumi import` names a resource, as its schema description ends. */
function importText(resource: ResourceDescription): string {
  return `\n\nImport: pulumi import ${tokenOf(resource)} <name> ${resource.importId.form}`;
}

/** The schema of the package at `version`, as a JSON object. */
export function packageSchema(resources: readonly ResourceDescription[], version: string): JsonObject {
  const config = Object.fromEntries(
    Object.entries(PLUGIN_CONFIG).map(([name, key]) => [
      name,
      { type: key.type, description: key.description, ...(key.secret ? { secret: true } : {}) },
    ]),
  );
  const resourceSchemas = Object.fromEntries(
    resources.map((resource) => {
      const { description, inputs, outputs } = resource.schema;
      // Outputs hold the inputs too; where names meet, the output's description and type win.
      const all = { ...inputs, ...outputs };
      return [
        tokenOf(resource),
        {
          description: `${description}${importText(resource)}`,
          inputProperties: properties(inputs),
          requiredInputs: required(inputs),
          properties: properties(all),
          required: required({ ...inputs, ...outputs }),
        },
      ];
    }),
  );
  return {
    name: PLUGIN_PACKAGE,
    displayName: "MongoDB Atlas private endpoints",
    version,
    description:
      "MongoDB Atlas private endpoint services and their cloud endpoint registrations (AWS PrivateLink, Azure Private Link, GCP Private Service Connect), with the waits and partial creates of the pulumi-atlas-private-endpoint package.",
    keywords: ["pulumi", "mongodb", "atlas", "privatelink", "category/database", "kind/native"],
    license: "MIT",
    config: { variables: config },
    provider: {
      description: `The provider of ${PLUGIN_PACKAGE}: credentials and endpoint. Each setting falls back to its environment variable.`,
      inputProperties: config,
    },
    types: Object.fromEntries(
      resources.flatMap((resource) =>
        [resource.schema.types, ...resource.lookups.map((lookup) => lookup.types)].flatMap((types) =>
          Object.entries(types).map(([name, type]) => [typeToken(name), objectType(type)]),
        ),
      ),
    ),
    resources: resourceSchemas,
    functions: Object.fromEntries(
      resources.flatMap((resource) =>
        resource.lookups.map((lookup) => [
          tokenOf(lookup),
          {
            description: lookup.description,
            inputs: { properties: properties(lookup.inputs), required: required(lookup.inputs) },
            outputs: { properties: properties(lookup.outputs), required: required(lookup.outputs) },
          },
        ]),
      ),
    ),
    language: {
      nodejs: { packageName: "@atlas-private-endpoint/sdk", dependencies: { "@pulumi/pulumi": "^3.139.0" } },
      python: { packageName: "pulumi_atlas_private_endpoint" },
      go: {
        importBasePath: "example.invalid/pulumi-atlas-private-endpoint/sdk/go/atlasprivateendpoint",
        generateResourceContainerTypes: true,
      },
      csharp: { rootNamespace: "AtlasPrivateEndpoint", packageReferences: { Pulumi: "3.*" } },
    },
  };
}
