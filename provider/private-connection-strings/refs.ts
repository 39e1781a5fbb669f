import type { ConnectionStringsInputs } from "./inputs";

/**
 * The Pulumi id: `<projectId>:<clusterName>:<endpointId>[,<endpointId>…]`. Nothing exists in Atlas to take an id from;
 * this names what the resource waits for, and no part can hold a colon or a comma (project ids are hex, cluster names
 * letters, digits and hyphens, endpoint ids `vpce-…`, ARM ids and GCP names).
 */
export function connectionStringsId(
  inputs: Pick<ConnectionStringsInputs, "projectId" | "clusterName" | "endpointIds">,
): string {
  return `${inputs.projectId}:${inputs.clusterName}:${inputs.endpointIds.join(",")}`;
}

/** The parts of a {@link connectionStringsId}, or `undefined` for a text that is not one. */
export function parseConnectionStringsId(
  id: string,
): Pick<ConnectionStringsInputs, "projectId" | "clusterName" | "endpointIds"> | undefined {
  const match = /^([0-9a-f]{24}):([a-zA-Z0-9][a-zA-Z0-9-]*):([^:]+)$/.exec(id);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return undefined;
  return { projectId: match[1], clusterName: match[2], endpointIds: match[3].split(",") };
}
