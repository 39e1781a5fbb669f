import { isAtlasApiError } from "../atlas/errors";
import type { OperationContext } from "../context/operation-context";
import { waitLimit } from "../lifecycle/timeouts";
import { createRegistration } from "./create";
import { finishRegistration } from "./finish";
import { INPUT_NAMES, type ProviderInputs } from "./inputs";
import { storedStatusView, type RegistrationOutputs } from "./outputs";
import { refOf } from "./refs";
import { registrationSlot } from "./take-back";
import { judge } from "./status";

/**
 * Atlas has no update for a registration, so `diff` replaces on every input that reaches Atlas and `update` does two
 * things only: store new deadlines and flags (no call at all), and resume a create that did not finish (recorded as a
 * partial create): it looks the registration up and waits, and registers it only when Atlas answers 404 (a POST whose
 * outcome was never known, that did not reach Atlas). The registration is in state, so a journal record of its create
 * (a cancelled one) is no longer needed.
 */
export async function updateRegistration(
  context: OperationContext,
  olds: Record<string, unknown>,
  news: ProviderInputs,
): Promise<{ outs: RegistrationOutputs }> {
  const ref = refOf(news);
  await context.journal?.forget(registrationSlot(ref));
  if (judge(storedStatusView(olds)).kind === "ready") return { outs: storedWith(olds, news) };

  const { client, clock } = context;
  const startedAtMs = clock.now();
  let registration;
  try {
    registration = await client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (!isAtlasApiError(error) || error.category !== "not-found") throw error;
    context.log(`Atlas does not have the registration recorded by an unfinished create; registering it now`);
    return createRegistration(context, news);
  }
  context.log(`resuming the wait of an unfinished create`);
  const limit = waitLimit(context, news, "create");
  return finishRegistration(context, news, registration, startedAtMs, {
    ...limit,
    deadlineAtMs: startedAtMs + limit.ms,
  });
}

/** The stored outputs with the new inputs (deadlines and flags; anything else would have replaced). */
function storedWith(olds: Record<string, unknown>, news: ProviderInputs): { outs: RegistrationOutputs }["outs"] {
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(olds)) {
    if (key === "__provider") continue;
    // Inputs come from `news` (a flag removed there is removed here); outputs sharing an input's name keep Atlas' value.
    if ((INPUT_NAMES as readonly string[]).includes(key) && key !== "privateEndpointIpAddress" && key !== "endpoints") {
      continue;
    }
    outputs[key] = value;
  }
  const { __provider: _provider, ...inputs } = news;
  return { ...inputs, ...outputs } as unknown as RegistrationOutputs;
}
