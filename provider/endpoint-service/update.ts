import { isGone } from "../lifecycle/read-or-gone";
import { toAtlasRegion } from "../../regions/regions";
import type { AtlasEndpointService } from "../atlas/types";
import { untilDeadline, type OperationContext } from "../context/operation-context";
import type { ProviderInputs } from "./inputs";
import { waitLimit, type WaitLimit } from "../lifecycle/timeouts";
import { outputsFrom, type ServiceOutputs } from "./outputs";
import { PartialCreateError } from "../lifecycle/partial-create-error";
import { errorText, sentence } from "../lifecycle/text";
import { refOf } from "./refs";
import { serviceSlot } from "./take-back";
import { serviceIdOf, storedWindow } from "./unconfirmed";
import { createService } from "./create";
import { isReadyStatus } from "../lifecycle/service-status";
import { waitUntilReady } from "./waits";
import { isWaitCancelled } from "../wait/cancelled";
import { updatePollSchedule } from "../wait/schedule";

/**
 * Brings a recorded service to the desired state: finishes an unconfirmed create (takes back the service its request
 * made, or creates one), resumes the wait of an interrupted create, then PATCHes the AWS remote regions when they
 * differ and waits for the service to be ready again. Failures keep the service in state. The service is in state, so
 * a journal record of its create (a cancelled one) is no longer needed.
 */
export async function updateService(
  context: OperationContext,
  id: string,
  olds: Readonly<Record<string, unknown>>,
  news: ProviderInputs,
): Promise<{ outs: ServiceOutputs }> {
  await context.journal?.forget(serviceSlot(news));
  const serviceId = serviceIdOf(id, olds);
  if (serviceId === undefined) return finishUnconfirmed(context, id, olds, news);
  const startedAtMs = context.clock.now();
  const limit = waitLimit(context, news, "update");
  const deadlineAtMs = startedAtMs + limit.ms;
  context = untilDeadline(context, deadlineAtMs);
  const { client, clock } = context;
  let service: AtlasEndpointService;
  try {
    service = await client.getEndpointService(news.projectId, news.providerName, serviceId);
  } catch (error) {
    if (isGone(error)) {
      throw new Error(
        `Endpoint service ${serviceId} no longer exists in Atlas. Run pulumi refresh to drop it from state, then pulumi up to create it again.`,
      );
    }
    throw error;
  }

  if (!isReadyStatus(service.status)) {
    context.log(`endpoint service ${serviceId} is ${String(service.status)}; resuming the wait`);
    service = await waitReady(context, news, service, startedAtMs, deadlineAtMs, limit);
  }

  const wanted = news.supportedRemoteRegions;
  if (news.providerName === "AWS" && !sameRegions(service.supportedRemoteRegions ?? [], wanted ?? [])) {
    const supportedRemoteRegions = (wanted ?? []).map((r) => toAtlasRegion("AWS", r) ?? r);
    context.log(`updating the remote regions of ${serviceId} to [${supportedRemoteRegions.join(", ")}]`);
    const patchedAtMs = clock.now();
    service = await client.updateEndpointService(news.projectId, serviceId, {
      cloudProvider: "AWS",
      supportedRemoteRegions,
    });
    service = await waitReady(context, news, service, patchedAtMs, deadlineAtMs, limit);
  }
  return { outs: outputsFrom(news, service) };
}

/**
 * An unconfirmed create (see `unconfirmed.ts`): creates the service, which takes back the one the unconfirmed request
 * made, if Atlas has it. The resource keeps its stand-in id (an update cannot change it) until a refresh records Atlas'
 * id; every call addresses the service by the stored `privateLinkId` meanwhile.
 */
async function finishUnconfirmed(
  context: OperationContext,
  id: string,
  olds: Readonly<Record<string, unknown>>,
  news: ProviderInputs,
): Promise<{ outs: ServiceOutputs }> {
  const window = storedWindow(olds);
  context.log(`finishing a create whose request Atlas never confirmed; looking for the service it made`);
  const { id: serviceId, outs } = await createService(context, news, window);
  context.log(
    `endpoint service ${serviceId} is recorded under the id ${id} until the next pulumi refresh records ${serviceId}`,
  );
  return { outs };
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
