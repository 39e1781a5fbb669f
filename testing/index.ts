/**
 * A testing kit for programs that use this package: {@link atlasMocks} for unit tests under
 * `pulumi.runtime.setMocks`, and the Atlas emulator for integration tests ({@link startAtlasEmulator},
 * {@link useAtlasEmulator}) with scripted faults. Import it from `pulumi-atlas-private-endpoint/testing`; the package
 * root never loads it.
 *
 * @packageDocumentation
 */
export { atlasMocks, MOCKED_RESOURCE_TYPES } from "./atlas-mocks";
export type { MockedResourceType } from "./mocked-resource";
export {
  ENDPOINT_SERVICE_TYPE,
  PRIVATE_CONNECTION_STRINGS_TYPE,
  PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE,
  PRIVATE_ENDPOINT_TYPE,
} from "./type-tokens";
export { InvalidInputsError, isInvalidInputsError } from "./invalid-inputs-error";
export { startAtlasEmulator } from "./atlas-emulator";
export type { AtlasEmulator, AtlasEmulatorOptions, StackConfigValue } from "./atlas-emulator";
export { useAtlasEmulator } from "./use-atlas-emulator";
export { failNextService, rejectNextRegistration, serviceUnavailable } from "./faults";
export type { FailNextServiceOptions, FailingService, ServiceUnavailableOptions } from "./faults";
export { control, EmulatorControlError } from "./emulator-control";
export type {
  ClusterDeclaration,
  ClusterPatch,
  EmulatorClusterEntry,
  EmulatorControl,
  EmulatorRegionalModeEntry,
  EmulatorRegistrationEntry,
  EmulatorServiceEntry,
  EmulatorSettings,
  FaultSpec,
  PendingFault,
  RequestLogEntry,
  ServicePatch,
  SettingsPatch,
} from "./emulator-control";
export type { CheckFailure } from "../provider/lifecycle/checks";
