import type { ProviderName } from "../regions/regions";

/** A project's network container for one provider (AWS and Azure: one per region; GCP: one per project). */
export interface NetworkContainerRecord {
  readonly id: string;
  readonly projectId: string;
  readonly provider: ProviderName;
  /** Atlas region spelling; `null` for GCP, whose containers are global. */
  readonly regionName: string | null;
  readonly atlasCidrBlock: string;
}

/** The region key a new service's container is looked up by (GCP containers span regions). */
export function containerRegionFor(provider: ProviderName, regionName: string): string | null {
  return provider === "GCP" ? null : regionName;
}

/** Atlas' default CIDR for the `index`-th container of a provider in a project (distinct per AWS/Azure region). */
export function defaultCidrBlock(provider: ProviderName, index: number): string {
  if (provider === "GCP") return "192.168.0.0/18";
  return `192.168.${(248 - 8 * index + 256) % 256}.0/21`;
}

/** A container as `GET /groups/{groupId}/containers` answers it, keys in alphabetical order. */
export function toContainerView(c: NetworkContainerRecord): Readonly<Record<string, unknown>> {
  switch (c.provider) {
    case "AWS":
      return {
        atlasCidrBlock: c.atlasCidrBlock,
        id: c.id,
        providerName: "AWS",
        provisioned: false,
        regionName: c.regionName,
        vpcId: null,
      };
    case "AZURE":
      return {
        atlasCidrBlock: c.atlasCidrBlock,
        azureSubscriptionId: null,
        id: c.id,
        providerName: "AZURE",
        provisioned: false,
        region: c.regionName,
        vnetName: null,
      };
    case "GCP":
      return {
        atlasCidrBlock: c.atlasCidrBlock,
        gcpProjectId: null,
        id: c.id,
        networkName: null,
        providerName: "GCP",
        provisioned: false,
      };
  }
}
