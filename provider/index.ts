/**
 * MongoDB Atlas private endpoints for Pulumi: the endpoint service (`PrivateEndpointService`), the registration of a
 * cloud endpoint with it (`PrivateEndpoint`), their lookups, and the client errors they throw. The dynamic providers
 * are the `./provider` (service) and `./provider/private-endpoint` subpaths; the local Atlas emulator is `./emulator`.
 */
export { PrivateEndpointService } from "./endpoint-service/resource";
export type { PrivateEndpointServiceArgs, PrivateEndpointServiceTimeouts } from "./endpoint-service/resource";
export { getPrivateEndpointService, listPrivateEndpointServices } from "./endpoint-service/lookups";
export type {
  GetPrivateEndpointServiceArgs,
  ListPrivateEndpointServicesArgs,
  PrivateEndpointServiceInfo,
} from "./endpoint-service/lookups";
export type { LookupOptions } from "./lookup-common";
export { PrivateEndpoint } from "./private-endpoint/resource";
export type {
  PrivateEndpointArgs,
  PrivateEndpointGcpEndpointArgs,
  PrivateEndpointTimeouts,
} from "./private-endpoint/resource";
export { getPrivateEndpoint } from "./private-endpoint/lookups";
export type { GetPrivateEndpointArgs, PrivateEndpointInfo } from "./private-endpoint/lookups";
export type { GcpEndpointOutput, RegistrationOutputs } from "./private-endpoint/inputs";
export { AtlasApiError, isAtlasApiError } from "./atlas/errors";
export type { AtlasErrorCategory } from "./atlas/errors";
export { AtlasClient } from "./atlas/client";
export type { AtlasApiVersion, AtlasClientOptions } from "./atlas/client";
export type { AtlasCredentials } from "./atlas/auth";
export type { ProviderName } from "../regions/regions";
export type { ServiceOutputs, ServiceTimeouts } from "./endpoint-service/inputs";
export { ConfigurationError } from "./config";
export { PartialCreateError } from "./partial-create-error";
