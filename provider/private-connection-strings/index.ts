/**
 * `PrivateConnectionStrings`: its description (from which every face is built) and its TypeScript surface (the
 * resource class, the lookup and their types). Nothing else in this folder is imported from outside it.
 */
export { privateConnectionStrings } from "./description";
export { PrivateConnectionStrings } from "./resource";
export type { PrivateConnectionStringsArgs, PrivateConnectionStringsTimeouts } from "./resource";
export { getPrivateConnectionStrings } from "./lookups";
export type { GetPrivateConnectionStringsArgs, PrivateConnectionStringsInfo } from "./lookups";
export type { ConnectionStringsEndpoint, ConnectionStringsOutputs } from "./outputs";
export type { ClusterRegion } from "./entry";
