import type { ProviderName } from "../regions/regions";
import type { ClusterRecord } from "./cluster-record";
import type { EndpointLink } from "./endpoint-link";
import type { NetworkContainerRecord } from "./network-container";
import type { RegionalModeChange } from "./regional-mode";
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
  addCluster(record: ClusterRecord): void;
  /** A cluster by project and name. */
  cluster(projectId: string, name: string): ClusterRecord | undefined;
  /** Clusters of one project, or of every project, in creation order. */
  clusters(projectId?: string): ClusterRecord[];
  removeCluster(projectId: string, name: string): boolean;
  /** Remembers a registration for the clusters of its project (never forgotten before `clear`). */
  addEndpointLink(link: EndpointLink): void;
  /** Every registration ever made in a project, in creation order. */
  endpointLinks(projectId: string): EndpointLink[];
  addRegionalModeChange(projectId: string, change: RegionalModeChange): void;
  /** A project's regional-mode changes, oldest first. */
  regionalModeChanges(projectId: string): readonly RegionalModeChange[];
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
  const clusters = new Map<string, ClusterRecord>();
  const links: EndpointLink[] = [];
  const modeChanges = new Map<string, RegionalModeChange[]>();
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
    addCluster: (record) => void clusters.set(key(record.projectId, record.name), record),
    cluster: (projectId, name) => clusters.get(key(projectId, name)),
    clusters: (projectId) => [...clusters.values()].filter((c) => projectId === undefined || c.projectId === projectId),
    removeCluster: (projectId, name) => clusters.delete(key(projectId, name)),
    addEndpointLink: (link) => void links.push(link),
    endpointLinks: (projectId) => links.filter((l) => l.record.projectId === projectId),
    addRegionalModeChange: (projectId, change) =>
      void modeChanges.set(projectId, [...(modeChanges.get(projectId) ?? []), change]),
    regionalModeChanges: (projectId) => modeChanges.get(projectId) ?? [],
    clear: () => {
      services.clear();
      registrations.clear();
      containers.length = 0;
      clusters.clear();
      links.length = 0;
      modeChanges.clear();
    },
  };
}
