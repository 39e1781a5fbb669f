import type { EmulatorState } from "./emulator-state";
import { gcpEndpointStatus, registrationErrorMessage, registrationStatus } from "./registration-lifecycle";
import type { RegistrationRecord } from "./registration-record";

/** A registration as Atlas answers it: every field of the cloud's schema present, `null` where empty, keys sorted. */
export type RegistrationView = Readonly<Record<string, unknown>>;

/** The Atlas body of a registration at `now` (field set per cloud, as in the spec and the facts). */
export function toRegistrationView(record: RegistrationRecord, now: number): RegistrationView {
  const status = registrationStatus(record, now);
  const deleteRequested = record.deletion !== null;
  const errorMessage = registrationErrorMessage(record, now);
  const { details } = record;
  switch (details.provider) {
    case "AWS":
      return {
        cloudProvider: "AWS",
        connectionStatus: status,
        deleteRequested,
        errorMessage,
        interfaceEndpointId: record.endpointId,
      };
    case "AZURE":
      return {
        cloudProvider: "AZURE",
        deleteRequested,
        errorMessage,
        // Named once Atlas accepted the connection: null while INITIATING (as in the docs' example) and when FAILED.
        privateEndpointConnectionName:
          now >= record.readyAt && !record.missing ? details.privateEndpointConnectionName : null,
        privateEndpointIPAddress: details.privateEndpointIPAddress,
        privateEndpointResourceId: record.endpointId,
        status,
      };
    case "GCP":
      return {
        cloudProvider: "GCP",
        deleteRequested,
        endpointGroupName: record.endpointId,
        endpoints: details.endpoints.map((e) => ({
          endpointName: e.endpointName,
          ipAddress: e.ipAddress,
          status: gcpEndpointStatus(record, e, now),
        })),
        errorMessage,
        gcpProjectId: details.gcpProjectId,
        portMappingEnabled: details.portMappingEnabled,
        status,
      };
  }
}

/**
 * The body the Atlas API answers with: {@link toRegistrationView}, without `cloudProvider` when `omitCloudProvider` is
 * set (as in the one v1.0 registration answer on record; the spec requires the field).
 */
export function registrationAnswer(state: EmulatorState, record: RegistrationRecord, now: number): RegistrationView {
  const view = toRegistrationView(record, now);
  if (!state.settings.omitCloudProvider) return view;
  const { cloudProvider: _cloudProvider, ...rest } = view;
  return rest;
}
