import type { EmulatorControl } from "../../support/emulator-control";
import { endpointSegment, type AtlasTestClient } from "./atlas-client";

/** A cloud provider as the tests name it. */
export type Provider = "AWS" | "AZURE" | "GCP";

/** An Azure private endpoint's ARM id for `name`. */
export function azureEndpointId(name: string): string {
  return `/subscriptions/0b7c5d4e-1f2a-4b3c-8d9e-0f1a2b3c4d5e/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/${name}`;
}

/** A service in `region`, set `AVAILABLE` through the control API so registrations are accepted at once. */
export async function readyService(
  atlas: AtlasTestClient,
  ctl: EmulatorControl,
  provider: Provider,
  region: string,
): Promise<string> {
  const created = await atlas.create({ providerName: provider, region });
  if (created.status !== 201) throw new Error(`service create answered ${created.status}: ${created.text}`);
  await ctl.patchService(created.service.id, { status: "AVAILABLE" });
  return created.service.id;
}

/** The registration body of each cloud for endpoint `id` (Azure: an ARM id; GCP: the group name, one forwarding rule). */
function registrationBody(provider: Provider, id: string): Record<string, unknown> {
  switch (provider) {
    case "AWS":
      return { id };
    case "AZURE":
      return { id, privateEndpointIPAddress: "10.0.0.4" };
    case "GCP":
      return {
        endpointGroupName: id,
        gcpProjectId: "customer-project",
        endpoints: [{ endpointName: `${id}-fr`, ipAddress: "10.0.0.4" }],
      };
  }
}

/** Registers endpoint `id` with service `serviceId`; throws unless Atlas answers 201. */
export async function register(
  atlas: AtlasTestClient,
  provider: Provider,
  serviceId: string,
  id: string,
): Promise<void> {
  const answer = await atlas.register(provider, serviceId, registrationBody(provider, id));
  if (answer.status !== 201) throw new Error(`registration of ${id} answered ${answer.status}: ${answer.text}`);
}

/** Deletes the registration of endpoint `id`; throws unless Atlas answers 202. */
export async function unregister(
  atlas: AtlasTestClient,
  provider: Provider,
  serviceId: string,
  id: string,
): Promise<void> {
  const answer = await atlas.unregister(provider, serviceId, endpointSegment(id));
  if (answer.status !== 202) throw new Error(`deletion of ${id} answered ${answer.status}: ${answer.text}`);
}
