/**
 * A resource, described once: its name, its schema table, its lifecycle functions, how progress lines name it, its
 * import id, its lookups and what a ready one stores. Every face is built from a description by code that knows no
 * resource: the dynamic provider module at the resource's stable subpath (`faces/dynamic`), the provider plugin's
 * routing, schema, import and functions (`faces/plugin`), the TypeScript lookups, and the testing kit's mocks. See
 * docs/adding-a-resource.md.
 */
import type { AtlasClient } from "../atlas/client";
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

/** Where a read on import starts: the Pulumi id the resource will have, and the properties the read needs. */
export interface ImportStart {
  readonly id: string;
  readonly props: Props;
}

/** What a read on import answers: the inputs a program writes to manage the resource, and the outputs beside them. */
export interface ImportAnswer {
  readonly id: string;
  /**
   * Exactly what a program must write to see no change after the import: what Atlas holds, in the form `check`
   * keeps (no flags, no deadlines, nothing Atlas defaults).
   */
  readonly inputs: Props;
  /** The outputs, as `read` would store them for those inputs. */
  readonly props: object;
}

/**
 * How `pulumi import` (and the `import` resource option) name one resource through the provider plugin: the import id
 * carries what a read needs.
 */
export interface ImportIdSpec {
  /**
   * The documented form, placeholders in angle brackets: `<projectId>/<providerName>/<privateLinkId>`. The README,
   * the schema's description and every malformed-id error show it.
   */
  readonly form: string;
  /**
   * The Pulumi id and the properties a read starts from. Throws an `ImportIdError` (`lifecycle/import-id.ts`) that
   * shows the form filled with the user's own values when the id is malformed. No network.
   */
  parse(importId: string): ImportStart;
  /** Reads what `parse` named (a 404 is an error, not "gone"). */
  read(context: OperationContext, start: ImportStart): Promise<ImportAnswer>;
}

/**
 * One lookup: a TypeScript function of the package and a function of the plugin's schema
 * (`atlas-private-endpoint:index:<name>`, answered by `Invoke`), one implementation behind both.
 */
export interface LookupDescription {
  /** The TypeScript function's name and the schema function's: `getPrivateEndpointService`. */
  readonly name: string;
  readonly description: string;
  /** Its arguments, as the schema describes them; `Invoke` checks required ones and types before any call. */
  readonly inputs: Readonly<Record<string, PropertySpec>>;
  /** Its result: an object (a list is one property holding it). */
  readonly outputs: Readonly<Record<string, PropertySpec>>;
  /** Object types its properties use that the resources' tables do not define, by name. */
  readonly types: Readonly<Record<string, ObjectTypeSpec>>;
  /**
   * Calls Atlas with plain arguments, through the same code as the TypeScript function, so both answer and fail alike
   * (a bad argument is named, a 404 is an `AtlasApiError`).
   */
  run(client: AtlasClient, args: Props): Promise<Props>;
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
  /** How `pulumi import` names it through the plugin. */
  readonly importId: ImportIdSpec;
  /** Its lookups (`[]` for none): TypeScript functions and schema functions. */
  readonly lookups: readonly LookupDescription[];
}

/** How progress lines name one resource: its type, its Pulumi name (or id), and the description's detail. */
export function subjectOf(description: ResourceDescription, name: string | undefined, inputs: Props): ResourceSubject {
  const detail = description.progressDetail(inputs);
  return { type: description.name, name: name ?? "(unnamed)", ...(detail === undefined ? {} : { detail }) };
}
