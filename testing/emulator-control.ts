import type {
  ArmedFailure,
  ClusterDeclaration,
  ClusterPatch,
  EmulatorClusterEntry,
  EmulatorRegionalModeEntry,
  EmulatorRegistrationEntry,
  EmulatorServiceEntry,
  EmulatorSettings,
  FaultSpec,
  PendingFault,
  RequestLogEntry,
  ServicePatch,
} from "../emulator";

export type {
  ArmedFailure,
  ClusterDeclaration,
  ClusterPatch,
  EmulatorClusterEntry,
  EmulatorRegionalModeEntry,
  EmulatorRegistrationEntry,
  EmulatorServiceEntry,
  EmulatorSettings,
  FaultSpec,
  PendingFault,
  RequestLogEntry,
  ServicePatch,
};

/** Any subset of the emulator's run-time settings (`rateLimit: null` turns the limit off). */
export type SettingsPatch = Partial<EmulatorSettings>;

/**
 * A typed client for the emulator's control API (`/__emulator/…`, see the emulator's README), over HTTP like any other
 * client: script faults, change services behind Atlas' back, read the request log.
 */
export interface EmulatorControl {
  /** Every non-control request so far, oldest first. */
  requests(): Promise<RequestLogEntry[]>;
  /** Empties the request log (numbering starts again at 1). */
  clearRequests(): Promise<void>;
  /**
   * Services, registrations, clusters (back to those the emulator started with), regional mode, containers, faults,
   * nonces, tokens, log and settings back to how the emulator started.
   */
  reset(): Promise<void>;
  /** Queues a fault; resolves to its id. */
  addFault(fault: FaultSpec): Promise<{ id: string }>;
  /** The faults still pending. */
  faults(): Promise<PendingFault[]>;
  /** Drops every pending fault. */
  clearFaults(): Promise<void>;
  /** Every service in every project, with the emulator's timing. */
  services(): Promise<EmulatorServiceEntry[]>;
  /** Changes a service behind Atlas' back; rejects for an unknown id. */
  patchService(id: string, patch: ServicePatch): Promise<EmulatorServiceEntry>;
  /** Changes run-time settings; resolves to all settings after the change. */
  settings(patch: SettingsPatch): Promise<EmulatorSettings>;
  /** The run-time settings now. */
  currentSettings(): Promise<EmulatorSettings>;
  /** Every registration of a cloud endpoint with a service, in every project, with the emulator's timing. */
  registrations(): Promise<EmulatorRegistrationEntry[]>;
  /**
   * Declares a cloud endpoint (AWS `vpce-…`, Azure ARM id, GCP group or endpoint name) missing: its registrations,
   * present and future, end `REJECTED` (AWS) or `FAILED` with an `errorMessage`. Resolves to how many changed.
   */
  declareEndpointMissing(id: string): Promise<{ id: string; registrationsChanged: number }>;
  /** The cloud endpoint ids declared missing. */
  missingEndpoints(): Promise<string[]>;
  /** Forgets the declarations (registrations that already failed stay failed). */
  clearMissingEndpoints(): Promise<void>;
  /**
   * Arms a failure of the next create of `resource`, and of that one only: a service provisions for its usual time and
   * then ends `FAILED` with `errorMessage`; a registration ends `REJECTED` (AWS) or `FAILED`.
   */
  armFailingCreate(failure: { resource: "service" | "registration"; errorMessage?: string }): Promise<ArmedFailure>;
  /** The failures still armed. */
  failingCreates(): Promise<ArmedFailure[]>;
  /** Disarms every armed failure. */
  clearFailingCreates(): Promise<void>;
  /** Every cluster in every project, with its state, when that changes next, and its private endpoint entries. */
  clusters(): Promise<EmulatorClusterEntry[]>;
  /** Adds a cluster (in the built-in project unless `projectId` says otherwise); rejects for a name already taken. */
  declareCluster(cluster: ClusterDeclaration): Promise<EmulatorClusterEntry>;
  /** Pins a cluster's state (`stateName: null` unpins) or pauses it behind Atlas' back; rejects for an unknown one. */
  patchCluster(projectId: string, name: string, patch: ClusterPatch): Promise<EmulatorClusterEntry>;
  /** Removes a cluster: Atlas answers 404 `CLUSTER_NOT_FOUND` for it from then on. Resolves to its last entry. */
  removeCluster(projectId: string, name: string): Promise<EmulatorClusterEntry>;
  /** The regional-mode setting of every project. */
  regionalModes(): Promise<EmulatorRegionalModeEntry[]>;
  /**
   * Sets a project's regional mode behind Atlas' back: no refusal for replica sets or endpoint layouts, but the same
   * effect on clusters (the affected ones go `UPDATING`).
   */
  setRegionalMode(projectId: string, enabled: boolean): Promise<EmulatorRegionalModeEntry>;
}

/** Thrown when the control API refuses a call; carries the HTTP status and the emulator's message. */
export class EmulatorControlError extends Error {
  override readonly name = "EmulatorControlError";

  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(`emulator control ${method} ${path} answered ${status}: ${detail}`);
  }
}

/** A control client for the emulator at `baseUrl` (as returned by `startEmulator` or printed by the CLI). */
export function control(baseUrl: string): EmulatorControl {
  const root = `${baseUrl.replace(/\/+$/, "")}/__emulator`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new EmulatorControlError(response.status, method, path, errorText(text));
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  return {
    requests: () => call("GET", "/requests"),
    clearRequests: async () => void (await call("DELETE", "/requests")),
    reset: async () => void (await call("POST", "/reset")),
    addFault: (fault) => call("POST", "/faults", fault),
    faults: () => call("GET", "/faults"),
    clearFaults: async () => void (await call("DELETE", "/faults")),
    services: () => call("GET", "/services"),
    patchService: (id, patch) => call("PATCH", `/services/${encodeURIComponent(id)}`, patch),
    settings: (patch) => call("PATCH", "/settings", patch),
    currentSettings: () => call("GET", "/settings"),
    registrations: () => call("GET", "/registrations"),
    declareEndpointMissing: (id) => call("POST", "/missing-endpoints", { id }),
    missingEndpoints: () => call("GET", "/missing-endpoints"),
    clearMissingEndpoints: async () => void (await call("DELETE", "/missing-endpoints")),
    armFailingCreate: (failure) => call("POST", "/failing-creates", failure),
    failingCreates: () => call("GET", "/failing-creates"),
    clearFailingCreates: async () => void (await call("DELETE", "/failing-creates")),
    clusters: () => call("GET", "/clusters"),
    declareCluster: (cluster) => call("POST", "/clusters", cluster),
    patchCluster: (projectId, name, patch) => call("PATCH", clusterPath(projectId, name), patch),
    removeCluster: (projectId, name) => call("DELETE", clusterPath(projectId, name)),
    regionalModes: () => call("GET", "/regional-mode"),
    setRegionalMode: (projectId, enabled) =>
      call("PATCH", `/regional-mode/${encodeURIComponent(projectId)}`, { enabled }),
  };
}

function clusterPath(projectId: string, name: string): string {
  return `/clusters/${encodeURIComponent(projectId)}/${encodeURIComponent(name)}`;
}

/** The control API's `{"error": "…"}` message, or the raw text when the answer is not that. */
function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === "string" ? parsed.error : text;
  } catch {
    return text;
  }
}
