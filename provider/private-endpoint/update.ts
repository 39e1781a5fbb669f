import { untilDeadline, type OperationContext } from "../context/operation-context";
import { isGone } from "../lifecycle/read-or-gone";
import { waitLimit } from "../lifecycle/timeouts";
import { isUnfinishedCreate } from "../lifecycle/unfinished-create";
import { createRegistration } from "./create";
import { finishRegistration } from "./finish";
import { INPUT_NAMES, type ProviderInputs } from "./inputs";
import type { RegistrationOutputs } from "./outputs";
import { refOf } from "./refs";
import { registrationSlot } from "./take-back";

/**
 * Atlas has no update for a registration, so `diff` replaces on every input that reaches Atlas and `update` does two
 * things only: store new deadlines and flags (no call at all), and resume a create marked unfinished (a partial
 * create): it looks the registration up and waits, taking back one an unconfirmed POST made, and registers it only
 * when Atlas says it is gone (a POST that never reached Atlas). A status a refresh stored resumes nothing. The
 * registration is in state, so a journal record of its create (a cancelled one) is no longer needed.
 */
export async function updateRegistration(
  context: OperationContext,
  olds: Record<string, unknown>,
  news: ProviderInputs,
): Promise<{ outs: RegistrationOutputs }> {
  const ref = refOf(news);
  await context.journal?.forget(registrationSlot(ref));
  if (!isUnfinishedCreate(olds)) return { outs: storedWith(olds, news) };

  const startedAtMs = context.clock.now();
  const limit = waitLimit(context, news, "create");
  const deadline = { ...limit, deadlineAtMs: startedAtMs + limit.ms };
  context = untilDeadline(context, deadline.deadlineAtMs);
  let registration;
  try {
    registration = await context.client.getRegistration(ref.projectId, ref.provider, ref.serviceId, ref.endpointId);
  } catch (error) {
    if (!isGone(error)) throw error;
    context.log(`Atlas does not have the registration recorded by an unfinished create; registering it now`);
    return createRegistration(context, news, true);
  }
  context.log(`resuming the wait of an unfinished create`);
  return finishRegistration(context, news, registration, startedAtMs, deadline);
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
