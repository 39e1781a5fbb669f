/**
 * `PrivateEndpointService`: its description (from which every face is built) and its TypeScript surface (the resource
 * class, the lookups and their types). Nothing else in this folder is imported from outside it.
 */
export { endpointService } from "./description";
export { PrivateEndpointService } from "./resource";
export type { PrivateEndpointServiceArgs, PrivateEndpointServiceTimeouts } from "./resource";
export { getPrivateEndpointService, listPrivateEndpointServices } from "./lookups";
export type {
  GetPrivateEndpointServiceArgs,
  ListPrivateEndpointServicesArgs,
  PrivateEndpointServiceInfo,
} from "./lookups";
export type { ServiceTimeouts } from "./inputs";
export type { ServiceOutputs } from "./outputs";
