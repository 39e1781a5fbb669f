import type { CheckFailure } from "../provider/lifecycle/checks";

/**
 * Thrown by {@link atlasMocks} for inputs the provider's `check` rejects: the same failures, in the words
 * `pulumi preview` prints them (`<type> resource '<name>': property <p> value <v> has a problem: <reason>`).
 */
export class InvalidInputsError extends Error {
  override readonly name = "InvalidInputsError";

  /**
   * @param type The resource's type token.
   * @param resourceName The Pulumi name of the resource.
   * @param failures What `check` rejected, one entry per property.
   * @param inputs The inputs as the program gave them (for the values in the message).
   */
  constructor(
    readonly type: string,
    readonly resourceName: string,
    readonly failures: readonly CheckFailure[],
    inputs: Readonly<Record<string, unknown>>,
  ) {
    super(
      [
        `${failures.length === 1 ? "1 input" : `${failures.length} inputs`} of ${type} resource '${resourceName}' would fail pulumi preview:`,
        ...failures.map(
          (f) =>
            `  ${type} resource '${resourceName}': property ${f.property} value ${shown(inputs, f.property)} has a problem: ${f.reason}`,
        ),
      ].join("\n"),
    );
  }
}

/** True for an {@link InvalidInputsError}, also one from another copy of this module. */
export function isInvalidInputsError(error: unknown): error is InvalidInputsError {
  return error instanceof InvalidInputsError || (error instanceof Error && error.name === "InvalidInputsError");
}

function shown(inputs: Readonly<Record<string, unknown>>, property: string): string {
  // `supportedRemoteRegions[3]` and `timeouts.create` name a part of an input.
  const [, head, index, key] = /^([^.[]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(property) ?? [];
  let value: unknown = head === undefined ? undefined : inputs[head];
  if (index !== undefined && Array.isArray(value)) value = value[Number(index)];
  if (key !== undefined && typeof value === "object" && value !== null) value = (value as Record<string, unknown>)[key];
  return value === undefined ? "{}" : `{${typeof value === "string" ? value : JSON.stringify(value)}}`;
}
