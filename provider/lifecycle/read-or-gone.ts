import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import type { Props, ReadAnswer } from "./description";

/** One resource's read, as {@link readOrGone} runs it. */
export interface ResourceRead<T> {
  /** The resource's Pulumi id, returned unchanged while it exists. */
  readonly id: string;
  /** The stored inputs, returned as the inputs after a refresh. */
  readonly inputs: Props;
  /** How the log line names it ("endpoint service 6a…", "the registration"). */
  readonly what: string;
  /** 404 error codes that mean this object does not exist. */
  readonly goneCodes: readonly string[];
  /** The GET. */
  fetch(): Promise<T>;
  /** The stored properties for Atlas' answer. */
  propsOf(answer: T): object;
}

/**
 * Reads a resource as Atlas has it now. Only a definite 404 means gone (a blank id, so refresh drops it and the next
 * `up` creates it again); 401/403/5xx and network errors are errors, never "gone".
 */
export async function readOrGone<T>(context: OperationContext, read: ResourceRead<T>): Promise<ReadAnswer> {
  try {
    const answer = await read.fetch();
    return { id: read.id, props: read.propsOf(answer), inputs: { ...read.inputs } };
  } catch (error) {
    if (isAtlasApiError(error) && error.status === 404 && read.goneCodes.includes(error.errorCode ?? "")) {
      context.log(`${read.what} no longer exists in Atlas (${String(error.errorCode)})`);
      return { id: "", props: {} };
    }
    throw error;
  }
}
