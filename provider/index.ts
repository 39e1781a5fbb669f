/**
 * MongoDB Atlas private endpoints for Pulumi: the endpoint service (`PrivateEndpointService`), the registration of a
 * cloud endpoint with it (`PrivateEndpoint`), the project's regional mode (`PrivateEndpointRegionalMode`), the
 * cluster's private connection strings over a link (`PrivateConnectionStrings`), their lookups, and the client errors
 * they throw. The dynamic providers are the `./provider` (service), `./provider/private-endpoint`,
 * `./provider/regional-mode` and `./provider/private-connection-strings` subpaths; the local Atlas emulator is
 * `./emulator`.
 */
export { PrivateEndpointService } from "./endpoint-service";
export type { PrivateEndpointServiceArgs, PrivateEndpointServiceTimeouts } from "./endpoint-service";
export { getPrivateEndpointService, listPrivateEndpointServices } from "./endpoint-service";
export type {
  GetPrivateEndpointServiceArgs,
  ListPrivateEndpointServicesArgs,
  PrivateEndpointServiceInfo,
} from "./endpoint-service";
export type { LookupOptions } from "./lifecycle/lookup-client";
export { PrivateEndpoint } from "./private-endpoint";
export type { PrivateEndpointArgs, PrivateEndpointGcpEndpointArgs, PrivateEndpointTimeouts } from "./private-endpoint";
export { getPrivateEndpoint } from "./private-endpoint";
export type { GetPrivateEndpointArgs, PrivateEndpointInfo } from "./private-endpoint";
export type { GcpEndpointOutput, RegistrationOutputs } from "./private-endpoint";
export { PrivateEndpointRegionalMode, getPrivateEndpointRegionalMode } from "./regional-mode";
export type {
  GetPrivateEndpointRegionalModeArgs,
  PrivateEndpointRegionalModeArgs,
  PrivateEndpointRegionalModeInfo,
  PrivateEndpointRegionalModeTimeouts,
  RegionalModeOutputs,
} from "./regional-mode";
export { PrivateConnectionStrings, getPrivateConnectionStrings } from "./private-connection-strings";
export type {
  ClusterRegion,
  ConnectionStringsEndpoint,
  ConnectionStringsOutputs,
  GetPrivateConnectionStringsArgs,
  PrivateConnectionStringsArgs,
  PrivateConnectionStringsInfo,
  PrivateConnectionStringsTimeouts,
} from "./private-connection-strings";
export { AtlasApiError, isAtlasApiError } from "./atlas/errors";
export type { AtlasErrorCategory } from "./atlas/errors";
export { AtlasClient } from "./atlas/client";
export type { AtlasApiVersion, AtlasClientOptions } from "./atlas/client";
export type { AtlasCredentials } from "./atlas/auth";
export type { ProviderName } from "../regions/regions";
export type { ServiceOutputs, ServiceTimeouts } from "./endpoint-service";
export { ConfigurationError } from "./context/settings";
export { PartialCreateError } from "./lifecycle/partial-create-error";
