/**
 * Thrown when Atlas holds a service but the operation could not finish (FAILED, timed out, errors during the wait).
 * The dynamic-provider plugin sends `id`, `properties` and `reasons` to the engine as a partial create, so the service
 * is recorded in state instead of orphaned, and the next `pulumi up` resumes it through `update`.
 */
export class PartialCreateError extends Error {
  override readonly name = "PartialCreateError";
  /** The Atlas endpoint service id. */
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
