import type { CheckFailure } from "../provider/lifecycle/checks";

/**
 * One row of the mocks' table: an Atlas resource type answered by the library's own rules. `check` is the function
 * the provider's `check` runs in preview; `created` is what the real create would store, derived from the name.
 */
export interface MockedResourceType {
  /** Validates and normalises inputs exactly as the provider does before any call to Atlas. */
  check(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] };
  /** The id and stored properties of a ready resource for checked inputs; the same name gives the same ids. */
  created(name: string, inputs: Record<string, unknown>): { id: string; state: Record<string, unknown> };
}
