/**
 * A local MongoDB Atlas Admin API emulator for private endpoint services, the cloud endpoints registered with them,
 * the clusters reached over them (with their private connection strings) and regional mode: a real HTTP server with
 * digest and OAuth authentication, Atlas' answers and errors, timed provisioning, rate limits, scripted faults and a
 * control API (`/__emulator/…`). Start it with {@link startEmulator} or the `atlas-emulator` CLI.
 *
 * @packageDocumentation
 */
export { startEmulator } from "./start-emulator";
export type { RunningEmulator } from "./start-emulator";
export { EMULATOR_IDENTITY } from "./emulator-identity";
export type { ApiKeyConfig, EmulatorConfig, ProjectRole, ServiceAccountConfig } from "./emulator-identity";
export type {
  EmulatorFileOptions,
  EmulatorOptions,
  EmulatorSettings,
  RateLimitOptions,
  RegionalModePatchStatus,
  RegistrationSuccessCodes,
  TimingMode,
} from "./emulator-options";
export type { ClusterDeclaration, ClusterRegionDeclaration, ClusterType } from "./cluster-declaration";
export type { ClusterPatch, EmulatorClusterEntry, EmulatorRegionalModeEntry } from "./cluster-control";
export type { PrivateEndpointEntry, PrivateEndpointRef } from "./private-endpoint-entries";
export type { NonceCountPolicy } from "./digest-auth";
export type { FaultSpec, PendingFault } from "./fault-store";
export type { ArmedFailure, FailingResource } from "./armed-failures";
export type { AuthScheme, RequestLogEntry } from "./request-log";
export type { EmulatorRegistrationEntry, EmulatorServiceEntry } from "./control-routes";
export type { ServicePatch } from "./service-patch";
export type { EndpointServiceView } from "./service-view";
export type { RegistrationView } from "./registration-view";
