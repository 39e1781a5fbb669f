import { isAtlasApiError } from "../atlas/errors";
import { toAtlasRegion } from "../../regions/regions";
import type { AtlasEndpointService } from "../atlas/types";
import type { OperationContext } from "../context/operation-context";
import type { ProviderInputs } from "./create";
import { waitLimit, type WaitLimit } from "../lifecycle/timeouts";
import { outputsFrom, type ServiceOutputs } from "./outputs";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { errorText, sentence } from "../lifecycle/text";
import { refOf } from "./refs";
import { serviceSlot } from "./take-back";
import { isReadyStatus } from "../lifecycle/service-status";
import { waitUntilReady } from "./waits";
import { isWaitCancelled } from "../wait/cancelled";
import { updatePollSchedule } from "../wait/schedule";

/**
 * Brings a recorded service to the desired state: resumes the wait of an interrupted create, then PATCHes the AWS
 * remote regions when they differ and waits for the service to be ready again. Failures keep the service in state.
 * The service is in state, so a journal record of its create (a cancelled one) is no longer needed.
 */
export async function updateService(
  context: OperationContext,
  id: string,
  news: ProviderInputs,
): Promise<{ outs: ServiceOutputs }> {
  const { client, clock } = context;
  await context.journal?.forget(serviceSlot(news));
  const startedAtMs = clock.now();
  const limit = waitLimit(context, news, "update");
  const deadlineAtMs = startedAtMs + limit.ms;
  let service: AtlasEndpointService;
  try {
    service = await client.getEndpointService(news.projectId, news.providerName, id);
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      throw new Error(
        `Endpoint service ${id} no longer exists in Atlas. Run pulumi refresh to drop it from state, then pulumi up to create it again.`,
      );
    }
    throw error;
  }

  if (!isReadyStatus(service.status)) {
    context.log(`endpoint service ${id} is ${String(service.status)}; resuming the wait`);
    service = await waitReady(context, news, service, startedAtMs, deadlineAtMs, limit);
  }

  const wanted = news.supportedRemoteRegions;
  if (news.providerName === "AWS" && !sameRegions(service.supportedRemoteRegions ?? [], wanted ?? [])) {
    const supportedRemoteRegions = (wanted ?? []).map((r) => toAtlasRegion("AWS", r) ?? r);
    context.log(`updating the remote regions of ${id} to [${supportedRemoteRegions.join(", ")}]`);
    const patchedAtMs = clock.now();
    service = await client.updateEndpointService(news.projectId, id, { cloudProvider: "AWS", supportedRemoteRegions });
    service = await waitReady(context, news, service, patchedAtMs, deadlineAtMs, limit);
  }
  return { outs: outputsFrom(news, service) };
}

async function waitReady(
  context: OperationContext,
  news: ProviderInputs,
  last: AtlasEndpointService,
  startedAtMs: number,
  deadlineAtMs: number,
  limit: WaitLimit,
): Promise<AtlasEndpointService> {
  const keep = (message: string, value: AtlasEndpointService | undefined): PartialCreateError =>
    new PartialCreateError(message, last.id, { ...outputsFrom(news, value ?? last), __provider: news.__provider });
  let result;
  try {
    result = await waitUntilReady(context, refOf(news, last.id), {
      startedAtMs,
      deadlineAtMs,
      schedule: updatePollSchedule(),
    });
  } catch (error) {
    throw keep(
      isWaitCancelled(error)
        ? `Pulumi was cancelled while waiting for endpoint service ${last.id}. The next pulumi up resumes the wait.`
        : `Waiting for endpoint service ${last.id} failed: ${errorText(error)}. The next pulumi up tries again.`,
      undefined,
    );
  }
  switch (result.outcome) {
    case "success":
      context.log(`endpoint service ${last.id} is ${String(result.value.status)}`);
      return result.value;
    case "failure":
      throw keep(
        `Atlas reports endpoint service ${last.id} FAILED: ${sentence(result.reason)} The next pulumi up replaces it.`,
        result.value,
      );
    case "timeout":
      throw keep(
        `Endpoint service ${last.id} was not ready within ${limit.text}; last status ${String(result.lastValue?.status ?? "unknown")}. The next pulumi up resumes waiting.`,
        result.lastValue,
      );
  }
}

function sameRegions(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]): string =>
    JSON.stringify(list.map((r) => toAtlasRegion("AWS", r) ?? r).sort());
  return norm(a) === norm(b);
}
