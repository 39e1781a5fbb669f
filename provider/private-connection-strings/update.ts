import type { OperationContext } from "../context/operation-context";
import { INPUT_NAMES, type ConnectionStringsInputs } from "./inputs";
import { hasEntry, type ConnectionStringsOutputs } from "./outputs";
import { waitForEntry } from "./wait-for-entry";

/**
 * Every input that chooses the entry replaces, so `update` does one of two things: store a new deadline (no call at
 * all), or, when a refresh found the entry gone, wait for it again as create does.
 */
export async function updateConnectionStrings(
  context: OperationContext,
  olds: Record<string, unknown>,
  news: ConnectionStringsInputs,
): Promise<{ outs: ConnectionStringsOutputs }> {
  if (!hasEntry(olds)) {
    context.log("the last refresh found no entry for these endpoints; waiting for it again");
    return { outs: await waitForEntry(context, news) };
  }
  const outputs = Object.fromEntries(
    Object.entries(olds).filter(([key]) => key !== "__provider" && !(INPUT_NAMES as readonly string[]).includes(key)),
  );
  return { outs: { ...news, ...outputs } as unknown as ConnectionStringsOutputs };
}
