/**
 * `PrivateEndpoint`: its description (from which every face is built) and its TypeScript surface (the resource class,
 * the lookup and their types). Nothing else in this folder is imported from outside it.
 */
export { privateEndpoint } from "./description";
export { PrivateEndpoint } from "./resource";
export type { PrivateEndpointArgs, PrivateEndpointGcpEndpointArgs, PrivateEndpointTimeouts } from "./resource";
export { getPrivateEndpoint } from "./lookups";
export type { GetPrivateEndpointArgs, PrivateEndpointInfo } from "./lookups";
export type { GcpEndpointOutput, RegistrationOutputs } from "./outputs";
