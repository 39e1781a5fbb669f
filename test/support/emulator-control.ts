// The control client ships with the testing kit (`pulumi-atlas-private-endpoint/testing`); tests use the same one.
export { control, EmulatorControlError } from "../../testing/emulator-control";
export type {
  ArmedFailure,
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
} from "../../testing/emulator-control";
