/**
 * What the provider plugin needs of one resource type: its schema table and thin adapters over the resource's own
 * lifecycle functions (the same ones the dynamic provider module calls).
 */
import type { OperationContext, ResourceSubject } from "../context";

type Props = Record<string, unknown>;

/** A property's type in the schema: a scalar, a list of strings, or one of the resource's object types (or a list). */
export type PropertyType =
  "string" | "boolean" | "number" | "string[]" | { readonly object: string; readonly list?: boolean };

/** An object type of the schema (its token is `atlas-private-endpoint:index:<name>`). */
export interface ObjectTypeSpec {
  readonly description: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

/** One property of a resource, as the schema describes it. */
export interface PropertySpec {
  readonly type: PropertyType;
  readonly description: string;
  /** Inputs: must be given. Outputs: always set (never null). */
  readonly required?: boolean;
}

/** A resource's part of the schema. */
export interface ResourceSchemaTable {
  readonly description: string;
  /** What `check` accepts. */
  readonly inputs: Readonly<Record<string, PropertySpec>>;
  /** What `create`, `read` and `update` return besides the inputs (an output may repeat an input's name). */
  readonly outputs: Readonly<Record<string, PropertySpec>>;
  /** The object types its properties use, by name. */
  readonly types: Readonly<Record<string, ObjectTypeSpec>>;
}

/** One check failure: the property and a sentence naming the value and the fix. */
export interface FaceCheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** A resource type as the provider plugin serves it. Inputs and properties arrive plain (no secret wrappers). */
export interface ResourceFace {
  /** The resource's name inside the package, e.g. `PrivateEndpointService`. */
  readonly name: string;
  readonly schema: ResourceSchemaTable;
  /** How progress lines name the resource. */
  subject(name: string, props: Props): ResourceSubject;
  /** Validates without calling Atlas (the base URL and API version are checked by the caller). */
  check(news: Props): { inputs: Props; failures: FaceCheckFailure[] };
  diff(olds: Props, news: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean };
  create(context: OperationContext, inputs: Props): Promise<{ id: string; outs: object }>;
  read(context: OperationContext, id: string, props: Props): Promise<{ id: string; props: object; inputs?: Props }>;
  update(context: OperationContext, id: string, olds: Props, news: Props): Promise<{ outs: object }>;
  delete(context: OperationContext, id: string, props: Props): Promise<void>;
}
