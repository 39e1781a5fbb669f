import Ajv, { type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { atlasDataFile } from "./recorded";
import { FIELD_FORMATS } from "./service-shapes";

/** A JSON Schema (OpenAPI 3.0 flavour) object. */
interface Schema {
  readonly [keyword: string]: unknown;
  readonly $ref?: string;
  readonly type?: string;
  readonly items?: Schema;
  readonly properties?: Record<string, Schema>;
}

interface Spec {
  readonly paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  readonly components: { readonly schemas: Record<string, Schema> };
}

/** The OpenAPI extracts in `data/atlas/`: endpoint services (v1.0 and v2) and registrations of cloud endpoints (v2 only). */
export type SpecApi = "endpoint-service" | "private-endpoint";

/** Per extract, the concrete schemas chosen by `cloudProvider` through the spec's discriminator (and their parts). */
const CONCRETE: Readonly<Record<SpecApi, readonly string[]>> = {
  "endpoint-service": ["AWSPrivateLinkConnection", "AzurePrivateLinkConnection", "GCPEndpointService"],
  "private-endpoint": [
    "AWSInterfaceEndpoint",
    "AzurePrivateEndpoint",
    "PrivateGCPEndpointGroup",
    "GCPConsumerForwardingRule",
  ],
};

/**
 * Validates answers against the response schemas of an OpenAPI 3.0 extract. `$ref`s go to `components/schemas`; a
 * schema with a `discriminator` (and no `oneOf`, as here) is replaced by its mapping's target for the answer's value.
 *
 * Only the documented differences between the spec and real Atlas are relaxed:
 * - every property may be an explicit `null` (Atlas sends all fields, null where empty);
 * - GCP `serviceAttachmentNames` items follow the recorded `projects/p-…/regions/…/serviceAttachments/…` form,
 *   not the spec's URL pattern;
 * - AWS `interfaceEndpoints` items are the registered `vpce-…` ids, not the spec's 24-hex ids (the facts, §7).
 * It is also stricter in one way: the concrete schemas allow no properties beyond their own.
 */
export class SpecValidator {
  readonly spec: Spec;
  readonly #ajv = new Ajv({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(
    readonly version: "v1.0" | "v2",
    readonly api: SpecApi = "endpoint-service",
  ) {
    this.spec = JSON.parse(readFileSync(atlasDataFile(`openapi-${api}.${version}.json`), "utf8")) as Spec;
    this.#ajv.addSchema({ $id: "spec", components: { schemas: relaxed(this.spec.components.schemas, api) } });
  }

  /** The media type and schema the spec gives for `status` of `method path` (path after the version prefix). */
  response(method: string, path: string, status: string): { mediaType: string; schema: Schema } | undefined {
    const operation = this.spec.paths[`/api/atlas/${this.version}${path}`]?.[method.toLowerCase()];
    const content = operation?.responses[status]?.content;
    const [entry] = Object.entries(content ?? {});
    return entry === undefined ? undefined : { mediaType: entry[0], schema: entry[1].schema };
  }

  /** Every validation error of `body` against `schema` (empty when valid). */
  errors(schema: Schema, body: unknown): string[] {
    if (schema.type === "array") {
      if (!Array.isArray(body)) return ["expected an array"];
      const items = schema.items ?? {};
      return body.flatMap((item, i) => this.errors(items, item).map((e) => `[${i}]${e}`));
    }
    const name = this.#componentFor(schema, body);
    let validate = this.#compiled.get(name);
    if (validate === undefined) {
      validate = this.#ajv.getSchema(`spec#/components/schemas/${name}`);
      if (validate === undefined) throw new Error(`no schema ${name}`);
      this.#compiled.set(name, validate);
    }
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  }

  #componentFor(schema: Schema, body: unknown): string {
    const ref = schema.$ref;
    if (ref === undefined) throw new Error(`expected a $ref, got ${JSON.stringify(schema)}`);
    const name = ref.replace("#/components/schemas/", "");
    const discriminator = this.spec.components.schemas[name]?.discriminator as
      { propertyName: string; mapping: Record<string, string> } | undefined;
    if (discriminator === undefined) return name;
    const value = (body as Record<string, unknown> | null)?.[discriminator.propertyName];
    const target = discriminator.mapping[String(value)];
    if (target === undefined) throw new Error(`no ${discriminator.propertyName} mapping for ${String(value)}`);
    return target.replace("#/components/schemas/", "");
  }
}

/** A writable copy of a schema tree, for the relaxations. */
interface Mutable {
  [keyword: string]: unknown;
  properties: Record<string, Mutable>;
  items: Mutable;
}

function relaxed(schemas: Record<string, Schema>, api: SpecApi): Record<string, Schema> {
  const copy = structuredClone(schemas) as unknown as Record<string, Mutable>;
  for (const name of CONCRETE[api]) {
    const schema = copy[name]!;
    schema.additionalProperties = false;
    for (const property of Object.values(schema.properties)) property.nullable = true;
  }
  if (api === "endpoint-service") {
    const attachments = copy.GCPEndpointService!.properties.serviceAttachmentNames!;
    attachments.items.pattern = FIELD_FORMATS.serviceAttachmentNames!.source;
    copy.AWSPrivateLinkConnection!.properties.interfaceEndpoints!.items.pattern =
      FIELD_FORMATS.interfaceEndpoints!.source;
  }
  return copy;
}
