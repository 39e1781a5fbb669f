/**
 * MongoDB Atlas private endpoint services for Pulumi: the resource, its lookups, and the client errors it throws.
 * The dynamic provider itself is the `./provider` subpath; the local Atlas emulator is `./emulator`.
 */
export { PrivateEndpointService } from "./endpoint-service/resource";
export type { PrivateEndpointServiceArgs, PrivateEndpointServiceTimeouts } from "./endpoint-service/resource";
export { getPrivateEndpointService, listPrivateEndpointServices } from "./endpoint-service/lookups";
export type {
  GetPrivateEndpointServiceArgs,
  ListPrivateEndpointServicesArgs,
  LookupOptions,
  PrivateEndpointServiceInfo,
} from "./endpoint-service/lookups";
export { AtlasApiError, isAtlasApiError } from "./atlas/errors";
export type { AtlasErrorCategory } from "./atlas/errors";
export { AtlasClient } from "./atlas/client";
export type { AtlasApiVersion, AtlasClientOptions } from "./atlas/client";
export type { AtlasCredentials } from "./atlas/auth";
export type { ProviderName } from "./atlas/regions";
export type { ServiceOutputs, ServiceTimeouts } from "./endpoint-service/inputs";
export { ConfigurationError } from "./config";
export { PartialCreateError } from "./partial-create-error";
