import { PartialCreateError } from "../../provider/lifecycle/partial-create-error";
import type { EmulatorServiceEntry } from "../support/emulator-control";

/** What a create reported to the engine: an id, a partial id (the engine records it), or nothing. */
export type CreateOutcome =
  | { readonly kind: "created"; readonly id: string; readonly outs: Record<string, unknown> }
  | { readonly kind: "partial"; readonly id: string; readonly error: PartialCreateError }
  | { readonly kind: "failed"; readonly error: unknown };

/** Runs a create and says what it reported, without throwing. */
export async function outcomeOf(create: Promise<{ id: string; outs: unknown }>): Promise<CreateOutcome> {
  try {
    const { id, outs } = await create;
    return { kind: "created", id, outs: outs as Record<string, unknown> };
  } catch (error) {
    if (error instanceof PartialCreateError) return { kind: "partial", id: error.id, error };
    return { kind: "failed", error };
  }
}

/** The ids the engine would hold in state after `outcome`. */
export function reportedIds(outcome: CreateOutcome): string[] {
  return outcome.kind === "failed" ? [] : [outcome.id];
}

/** Ids of the emulator's services, sorted. */
export function idsOf(services: readonly EmulatorServiceEntry[]): string[] {
  return services.map((s) => s.id).sort();
}

/** The error of a failed outcome; throws (failing the test) for any other outcome. */
export function failureOf(outcome: CreateOutcome): unknown {
  if (outcome.kind !== "failed")
    throw new Error(`expected a plain failure, got ${outcome.kind} ${"id" in outcome ? outcome.id : ""}`);
  return outcome.error;
}
