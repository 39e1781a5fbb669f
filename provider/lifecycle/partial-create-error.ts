/**
 * Thrown when Atlas holds (or may hold) a service or a registration but the operation could not finish (FAILED or
 * REJECTED, timed out, errors during the wait). The dynamic-provider plugin sends `id`, `properties` and `reasons` to
 * the engine as a partial create, so the resource is recorded in state instead of orphaned, and the next `pulumi up`
 * resumes it through `update` (or replaces a failed one).
 */
export class PartialCreateError extends Error {
  override readonly name = "PartialCreateError";
  /** The Pulumi id: the endpoint service id, or a registration's `<privateLinkId>:<endpointServiceId>`. */
  readonly id: string;
  /** The properties to record, `__provider` included (without it later reads and deletes could not run). */
  readonly properties: Record<string, unknown>;
  /** Why the operation did not finish. */
  readonly reasons: string[];

  constructor(message: string, id: string, properties: Record<string, unknown>) {
    super(message);
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}
