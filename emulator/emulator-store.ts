import type { ProviderName } from "../provider/atlas/regions";
import type { NetworkContainerRecord } from "./network-container";
import type { ServiceRecord } from "./service-record";

/** Where the emulator keeps Atlas state. Small on purpose, so another backing (a file, a database) is easy to add. */
export interface EmulatorStore {
  addService(record: ServiceRecord): void;
  /** A service by id, whatever its project. */
  service(id: string): ServiceRecord | undefined;
  /** Services of one project, or of every project, in creation order. */
  services(projectId?: string): ServiceRecord[];
  removeService(id: string): boolean;
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
  return {
    addService: (record) => void services.set(record.id, record),
    service: (id) => services.get(id),
    services: (projectId) => [...services.values()].filter((s) => projectId === undefined || s.projectId === projectId),
    removeService: (id) => services.delete(id),
    addContainer: (container) => void containers.push(container),
    containers: (projectId, provider) =>
      containers.filter((c) => c.projectId === projectId && (provider === undefined || c.provider === provider)),
    clear: () => {
      services.clear();
      containers.length = 0;
    },
  };
}
