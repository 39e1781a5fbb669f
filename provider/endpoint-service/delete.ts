import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context";
import type { ServiceInputs } from "./inputs";
import { timeoutMs } from "../timeouts";
import { sentence } from "../text";
import { refOf } from "./refs";
import { waitUntilGone } from "./waits";
import { deletePollSchedule } from "../wait/schedule";

/**
 * Deletes the service and waits until Atlas answers 404 for it, within `timeouts.delete`. A service already gone
 * counts as deleted; `FAILED` or a timeout is an error, and the engine then keeps the resource in state.
 */
export async function deleteAndWait(
  context: OperationContext,
  inputs: Pick<ServiceInputs, "projectId" | "providerName" | "timeouts">,
  id: string,
): Promise<void> {
  const startedAtMs = context.clock.now();
  try {
    await context.client.deleteEndpointService(inputs.projectId, inputs.providerName, id);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      context.log(`endpoint service ${id} is already gone`);
      return;
    }
    throw error;
  }
  const result = await waitUntilGone(context, refOf(inputs, id), {
    startedAtMs,
    deadlineAtMs: startedAtMs + timeoutMs(inputs, "delete"),
    schedule: deletePollSchedule(),
  });
  switch (result.outcome) {
    case "success":
      context.log(`endpoint service ${id} is deleted`);
      return;
    case "failure":
      throw new Error(
        `Atlas reports endpoint service ${id} FAILED while deleting: ${sentence(result.reason)} It stays in state; check it in Atlas, then run the command again.`,
      );
    case "timeout":
      throw new Error(
        `Endpoint service ${id} was still ${String(result.lastValue?.status ?? "present")} when timeouts.delete (${inputs.timeouts?.delete ?? "60m"}) ran out. It stays in state; run the command again to keep waiting, or raise timeouts.delete.`,
      );
  }
}
