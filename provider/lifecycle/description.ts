/**
 * A resource, described once: its name, its schema table, its lifecycle functions, how progress lines name it and what
 * a ready one stores. Every face is built from a description by code that knows no resource: the dynamic provider
 * module at the resource's stable subpath (`faces/dynamic`), the provider plugin's routing and schema (`faces/plugin`),
 * and the testing kit's mocks. See docs/adding-a-resource.md.
 */
import type { OperationContext, ResourceSubject } from "../context/operation-context";
import type { CheckFailure } from "./checks";
import type { DiffAnswer } from "./diffs";

/** Properties as every face hands them over: plain values, secrets unwrapped. */
export type Props = Record<string, unknown>;

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

/** A resource's part of the schema; also the list of outputs the TypeScript resource class declares. */
export interface ResourceSchemaTable {
  readonly description: string;
  /** What `check` accepts. */
  readonly inputs: Readonly<Record<string, PropertySpec>>;
  /** What `create`, `read` and `update` return besides the inputs (an output may repeat an input's name). */
  readonly outputs: Readonly<Record<string, PropertySpec>>;
  /** The object types its properties use, by name. */
  readonly types: Readonly<Record<string, ObjectTypeSpec>>;
}

/** What `check` answers: the normalised inputs, and one failure per rejected property. */
export interface CheckAnswer {
  readonly inputs: Props;
  readonly failures: CheckFailure[];
}

/** What `read` answers: a blank `id` means gone; `inputs`, when given, replace the stored inputs. */
export interface ReadAnswer {
  readonly id: string;
  readonly props: object;
  readonly inputs?: Props;
}

/** One resource type. Lifecycle functions take and return plain properties; the faces adapt them to their protocol. */
export interface ResourceDescription {
  /** The type's name in every face: `pulumi-nodejs:dynamic/mongodbatlas:<name>`, `atlas-private-endpoint:index:<name>`. */
  readonly name: string;
  readonly schema: ResourceSchemaTable;
  /** What progress lines say after the resource's name, e.g. `AWS us-east-1`; `undefined` for nothing. */
  progressDetail(inputs: Props): string | undefined;
  /** The inputs part of stored properties (what read and delete work from); `id` fills what the properties lack. */
  inputsOf(props: Props, id: string): Props;
  /** Validates and normalises without calling Atlas (runs in preview; the faces add the endpoint settings' check). */
  check(news: Props): CheckAnswer;
  diff(olds: Props, news: Props): DiffAnswer;
  create(context: OperationContext, inputs: Props): Promise<{ id: string; outs: object }>;
  read(context: OperationContext, id: string, props: Props): Promise<ReadAnswer>;
  update(context: OperationContext, id: string, olds: Props, news: Props): Promise<{ outs: object }>;
  delete(context: OperationContext, id: string, props: Props): Promise<void>;
  /** What a ready resource stores for checked inputs, ids drawn from `name`: the testing kit's mocks answer with it. */
  ready(name: string, inputs: Props): { id: string; outs: object };
}

/** How progress lines name one resource: its type, its Pulumi name (or id), and the description's detail. */
export function subjectOf(description: ResourceDescription, name: string | undefined, inputs: Props): ResourceSubject {
  const detail = description.progressDetail(inputs);
  return { type: description.name, name: name ?? "(unnamed)", ...(detail === undefined ? {} : { detail }) };
}
