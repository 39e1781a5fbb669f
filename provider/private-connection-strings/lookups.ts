import { lookupClient, type LookupOptions } from "../lifecycle/lookup-client";
import { entriesOf } from "./entry";
import { entryOutputs, type EntryOutputs } from "./outputs";

/** One private endpoint entry of a cluster: its strings, its type and its endpoints. */
export type PrivateConnectionStringsInfo = EntryOutputs;

/** Arguments of {@link getPrivateConnectionStrings}. */
export interface GetPrivateConnectionStringsArgs {
  projectId: string;
  clusterName: string;
}

/**
 * Every private endpoint entry the cluster lists now, in Atlas' order, without waiting (an empty list until Atlas
 * publishes any): one `GET …/clusters/{clusterName}`.
 */
export async function getPrivateConnectionStrings(
  args: GetPrivateConnectionStringsArgs,
  options?: LookupOptions,
): Promise<PrivateConnectionStringsInfo[]> {
  const cluster = await lookupClient(options).getCluster(args.projectId, args.clusterName);
  return entriesOf(cluster).map((entry) => entryOutputs(entry));
}
