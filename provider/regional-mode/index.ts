/**
 * `PrivateEndpointRegionalMode`: its description (from which every face is built) and its TypeScript surface (the
 * resource class, the lookup and their types). Nothing else in this folder is imported from outside it.
 */
export { regionalMode } from "./description";
export { PrivateEndpointRegionalMode } from "./resource";
export type { PrivateEndpointRegionalModeArgs, PrivateEndpointRegionalModeTimeouts } from "./resource";
export { getPrivateEndpointRegionalMode } from "./lookups";
export type { GetPrivateEndpointRegionalModeArgs, PrivateEndpointRegionalModeInfo } from "./lookups";
export type { RegionalModeOutputs } from "./outputs";
