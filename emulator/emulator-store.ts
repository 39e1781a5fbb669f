import type { ProviderName } from "../regions/regions";
import type { NetworkContainerRecord } from "./network-container";
import type { RegistrationRecord } from "./registration-record";
import type { ServiceRecord } from "./service-record";

/** Where the emulator keeps Atlas state. Small on purpose, so another backing (a file, a database) is easy to add. */
export interface EmulatorStore {
  addService(record: ServiceRecord): void;
  /** A service by id, whatever its project. */
  service(id: string): ServiceRecord | undefined;
  /** Services of one project, or of every project, in creation order. */
  services(projectId?: string): ServiceRecord[];
  removeService(id: string): boolean;
  addRegistration(record: RegistrationRecord): void;
  /** The registration of cloud endpoint `endpointId` with service `serviceId`. */
  registration(serviceId: string, endpointId: string): RegistrationRecord | undefined;
  /** Registrations of one service, or of every service, in creation order. */
  registrations(serviceId?: string): RegistrationRecord[];
  removeRegistration(serviceId: string, endpointId: string): boolean;
  addContainer(container: NetworkContainerRecord): void;
  /** Containers of one project, optionally of one provider, in creation order. */
  containers(projectId: string, provider?: ProviderName): NetworkContainerRecord[];
  /** Forgets everything. */
  clear(): void;
}

/** An in-memory {@link EmulatorStore}. */
export function createMemoryStore(): EmulatorStore {
  const services = new Map<string, ServiceRecord>();
  const containers: NetworkContainerRecord[] = [];
  // Keyed by service and cloud endpoint id; a NUL cannot occur in either.
  const registrations = new Map<string, RegistrationRecord>();
  const key = (serviceId: string, endpointId: string): string => `${serviceId}\u0000${endpointId}`;
  return {
    addService: (record) => void services.set(record.id, record),
    service: (id) => services.get(id),
    services: (projectId) => [...services.values()].filter((s) => projectId === undefined || s.projectId === projectId),
    removeService: (id) => services.delete(id),
    addRegistration: (record) => void registrations.set(key(record.serviceId, record.endpointId), record),
    registration: (serviceId, endpointId) => registrations.get(key(serviceId, endpointId)),
    registrations: (serviceId) =>
      [...registrations.values()].filter((r) => serviceId === undefined || r.serviceId === serviceId),
    removeRegistration: (serviceId, endpointId) => registrations.delete(key(serviceId, endpointId)),
    addContainer: (container) => void containers.push(container),
    containers: (projectId, provider) =>
      containers.filter((c) => c.projectId === projectId && (provider === undefined || c.provider === provider)),
    clear: () => {
      services.clear();
      registrations.clear();
      containers.length = 0;
    },
  };
}
