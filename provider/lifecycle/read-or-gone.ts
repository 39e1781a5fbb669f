import { isAtlasApiError, type AtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import type { Props, ReadAnswer } from "./description";

/**
 * 404 codes, and parts of codes, that are about something other than the object asked for: the project (missing, or a
 * malformed id), a malformed id, or a path Atlas could not route (`RESOURCE_NOT_FOUND`, also its answer to an
 * unencoded Azure id). Such a 404 says nothing about the object.
 */
const NOT_ABOUT_THE_OBJECT: readonly RegExp[] = [/^RESOURCE_NOT_FOUND$/, /GROUP|PROJECT|ORG/, /MALFORMED|INVALID/];

/**
 * True when Atlas says the object asked for does not exist: a 404 with an Atlas error code that is not about the
 * project, a malformed id or an unroutable path. Codes nobody recorded count (Atlas renames them); a 404 without a
 * code (a proxy's page) does not. Every "it is gone" of every resource (reads, deletes, waits, look-ups) asks this.
 * `objectCodes`: codes that name the object itself although the rule would take them for something else (a project
 * setting is gone with its project: `GROUP_NOT_FOUND`).
 */
export function isGone(error: unknown, objectCodes: readonly string[] = []): error is AtlasApiError {
  if (!isAtlasApiError(error) || error.status !== 404) return false;
  const code = error.errorCode;
  if (code === undefined || code === "") return false;
  return objectCodes.includes(code) || !NOT_ABOUT_THE_OBJECT.some((pattern) => pattern.test(code));
}

/** One resource's read, as {@link readOrGone} runs it. */
export interface ResourceRead<T> {
  /** The resource's Pulumi id, returned unchanged while it exists. */
  readonly id: string;
  /** The stored inputs, returned as the inputs after a refresh. */
  readonly inputs: Props;
  /** How the log line names it ("endpoint service 6a…", "the registration"). */
  readonly what: string;
  /** 404 codes that name this object itself (see {@link isGone}); none for most resources. */
  readonly objectCodes?: readonly string[];
  /** The GET. */
  fetch(): Promise<T>;
  /** The stored properties for Atlas' answer. */
  propsOf(answer: T): object;
  /** An answer that means gone although Atlas still answers (GCP's `DELETED`): the reason, else `undefined`. */
  goneAnswer?(answer: T): string | undefined;
}

/**
 * Reads a resource as Atlas has it now. Only {@link isGone} (or an answer that `goneAnswer` calls gone) means gone: a
 * blank id, so refresh drops it and the next `up` creates it again. 401/403/5xx, network errors and 404s about the
 * project or the path are errors, never "gone".
 */
export async function readOrGone<T>(context: OperationContext, read: ResourceRead<T>): Promise<ReadAnswer> {
  let answer: T;
  try {
    answer = await read.fetch();
  } catch (error) {
    if (isGone(error, read.objectCodes)) {
      context.log(`${read.what} no longer exists in Atlas (${String(error.errorCode)})`);
      return { id: "", props: {} };
    }
    throw error;
  }
  const gone = read.goneAnswer?.(answer);
  if (gone !== undefined) {
    context.log(`${read.what} no longer exists in Atlas (${gone})`);
    return { id: "", props: {} };
  }
  return { id: read.id, props: read.propsOf(answer), inputs: { ...read.inputs } };
}
