import type { OperationContext } from "../context/operation-context";
import type { ConnectionStringsInputs } from "./inputs";
import type { ConnectionStringsOutputs } from "./outputs";
import { connectionStringsId } from "./refs";
import { waitForEntry } from "./wait-for-entry";

/**
 * Waits until the cluster publishes the entry of the endpoints and records it. Creates nothing in Atlas: an unknown
 * cluster, a timeout or any other failure is a plain error (no partial create), and the next `up` waits again.
 */
export async function createConnectionStrings(
  context: OperationContext,
  inputs: ConnectionStringsInputs,
): Promise<{ id: string; outs: ConnectionStringsOutputs }> {
  return { id: connectionStringsId(inputs), outs: await waitForEntry(context, inputs) };
}
