/** What an armed failure makes fail: the next service created, or the next registration. */
export type FailingResource = "service" | "registration";

/** One armed failure (`POST /__emulator/failing-creates`). */
export interface ArmedFailure {
  readonly resource: FailingResource;
  /**
   * Services: the `errorMessage` Atlas reports with `FAILED` (default {@link DEFAULT_SERVICE_FAILURE}). Registrations
   * end `REJECTED` (AWS) or `FAILED` with Atlas' "was not found" message, as for a missing cloud endpoint; this is `null`.
   */
  readonly errorMessage: string | null;
}

/** The `errorMessage` of a failing service when none was given. */
export const DEFAULT_SERVICE_FAILURE = "Simulated failure (Atlas emulator)";

/** Thrown for a body that is not an armed failure; the message names the field. */
export class ArmedFailureError extends Error {
  override readonly name = "ArmedFailureError";
}

/**
 * Failures of the next creates, one each, in the order armed: a service that provisions for its usual time and then
 * ends `FAILED` (instead of `AVAILABLE`), or a registration that ends `REJECTED`/`FAILED`. Other creates are untouched.
 */
export class ArmedFailures {
  #armed: ArmedFailure[] = [];

  /** Validates and arms `body` (`{resource, errorMessage?}`). */
  arm(body: unknown): ArmedFailure {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new ArmedFailureError("body must be an object {resource, errorMessage?}");
    }
    const { resource, errorMessage, ...rest } = body as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new ArmedFailureError(`unknown field "${unknown}"`);
    if (resource !== "service" && resource !== "registration") {
      throw new ArmedFailureError(`resource must be "service" or "registration", got ${JSON.stringify(resource)}`);
    }
    if (errorMessage !== undefined && (typeof errorMessage !== "string" || errorMessage === "")) {
      throw new ArmedFailureError("errorMessage must be a non-empty string");
    }
    if (resource === "registration" && errorMessage !== undefined) {
      throw new ArmedFailureError("a failing registration reports Atlas' own message; leave errorMessage out");
    }
    const armed: ArmedFailure = {
      resource,
      errorMessage: resource === "service" ? (errorMessage ?? DEFAULT_SERVICE_FAILURE) : null,
    };
    this.#armed.push(armed);
    return armed;
  }

  /** The first failure armed for `resource`, used up. */
  take(resource: FailingResource): ArmedFailure | undefined {
    const index = this.#armed.findIndex((armed) => armed.resource === resource);
    if (index < 0) return undefined;
    const [taken] = this.#armed.splice(index, 1);
    return taken;
  }

  /** The failures still armed. */
  list(): ArmedFailure[] {
    return [...this.#armed];
  }

  /** Disarms every failure. */
  clear(): void {
    this.#armed = [];
  }
}
