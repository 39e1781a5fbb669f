import type { ProviderName } from "../regions/regions";
import type { ClusterRegion } from "./cluster-declaration";
import { connectionStrings } from "./cluster-connection-strings";
import { publicHostList, publicSrvString, publicStandardString } from "./cluster-hosts";
import type { ClusterPhase } from "./cluster-publishing";
import type { ClusterRecord } from "./cluster-record";

/**
 * The shapes a cluster is answered in: `legacy` (v2 `2023-01-01`, `LegacyAtlasCluster`, and v1.0), `2023-02-01`
 * (`AdvancedClusterDescription`) and `2024-08-05` (`ClusterDescription20240805`).
 */
export type ClusterShape = "legacy" | "2023-02-01" | "2024-08-05";

/** Where the answer's links point: the origin the client used and the API prefix (`/api/atlas/v2`). */
export interface LinkBase {
  readonly origin: string;
  readonly apiPrefix: string;
}

/** Settings every declared cluster shares (M10 on 30 GB, MongoDB 8.0), as in the recordings. */
const INSTANCE_SIZE = "M10";
const DISK_SIZE_GB = 30;
const DISK_IOPS = 3000;
const MAJOR_VERSION = "8.0";
const FULL_VERSION = "8.0.29";
const ZONE_NAME = "Zone 1";

/**
 * A cluster's body in `shape`, keys in the recorded order. The 2023-02-01 and 2024-08-05 shapes follow the recordings
 * (sharded and replica set 2023-02-01, sharded 2024-08-05); the legacy shape follows the v1.0 docs' example (no
 * recording of it exists). Fields the emulator does not model have the recordings' values.
 */
export function toClusterView(
  shape: ClusterShape,
  cluster: ClusterRecord,
  phase: ClusterPhase,
  base: LinkBase,
): Record<string, unknown> {
  const common = {
    strings: connectionStrings(cluster, phase.stateName, phase.privateEndpoint),
    createDate: new Date(cluster.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    links: clusterLinks(cluster, base),
  };
  switch (shape) {
    case "2024-08-05":
      return view20240805(cluster, phase, common);
    case "2023-02-01":
      return view20230201(cluster, phase, common);
    case "legacy":
      return legacyView(cluster, phase, common);
  }
}

interface Common {
  readonly strings: Record<string, unknown>;
  readonly createDate: string;
  readonly links: readonly unknown[];
}

function view20240805(cluster: ClusterRecord, phase: ClusterPhase, c: Common): Record<string, unknown> {
  const specs = (effective: boolean): unknown[] =>
    cluster.replicationSpecIds.map((id) => ({
      id,
      regionConfigs: cluster.regions.map((r, i) => regionConfig(r, i, { diskSizeGB: true, effective })),
      zoneId: cluster.zoneId,
      zoneName: ZONE_NAME,
    }));
  return {
    adaptiveCapacity: null,
    advancedConfiguration: ADVANCED_CONFIGURATION,
    backupEnabled: false,
    biConnector: BI_CONNECTOR,
    clusterType: cluster.clusterType,
    ...configServer(cluster),
    connectionStrings: c.strings,
    createDate: c.createDate,
    diskWarmingMode: "FULLY_WARMED",
    effectiveDatabaseEdition: "CORE",
    // As recorded: the effective specs lack the `effective*Specs` fields the configured ones carry.
    effectiveReplicationSpecs: specs(false),
    encryptionAtRestProvider: "NONE",
    featureCompatibilityVersion: MAJOR_VERSION,
    globalClusterSelfManagedSharding: false,
    groupId: cluster.projectId,
    id: cluster.id,
    internalClusterRole: "NONE",
    labels: [],
    links: c.links,
    mongoDBMajorVersion: MAJOR_VERSION,
    mongoDBVersion: FULL_VERSION,
    name: cluster.name,
    paused: cluster.paused,
    pitEnabled: false,
    redactClientLogData: false,
    replicationSpecs: specs(true),
    retainBackups: false,
    rootCertType: "ISRGROOTX1",
    stateName: phase.stateName,
    tags: [],
    terminationProtectionEnabled: false,
    useAwsTimeBasedSnapshotCopyForFastInitialSync: false,
    versionReleaseSystem: "LTS",
  };
}

function view20230201(cluster: ClusterRecord, phase: ClusterPhase, c: Common): Record<string, unknown> {
  return {
    advancedConfiguration: ADVANCED_CONFIGURATION,
    backupEnabled: false,
    biConnector: BI_CONNECTOR,
    clusterType: cluster.clusterType,
    ...configServer(cluster),
    connectionStrings: c.strings,
    createDate: c.createDate,
    diskSizeGB: DISK_SIZE_GB,
    diskWarmingMode: "FULLY_WARMED",
    encryptionAtRestProvider: "NONE",
    globalClusterSelfManagedSharding: false,
    groupId: cluster.projectId,
    id: cluster.id,
    labels: [],
    links: c.links,
    mongoDBMajorVersion: MAJOR_VERSION,
    mongoDBVersion: FULL_VERSION,
    name: cluster.name,
    paused: cluster.paused,
    pitEnabled: false,
    replicationSpecs: [
      {
        id: cluster.replicationSpecIds[0],
        numShards: cluster.replicationSpecIds.length,
        regionConfigs: cluster.regions.map((r, i) => regionConfig(r, i, { diskSizeGB: false, effective: false })),
        zoneId: cluster.zoneId,
        zoneName: ZONE_NAME,
      },
    ],
    rootCertType: "ISRGROOTX1",
    stateName: phase.stateName,
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: "LTS",
  };
}

function legacyView(cluster: ClusterRecord, phase: ClusterPhase, c: Common): Record<string, unknown> {
  const creating = phase.stateName === "CREATING";
  const regionsConfig = Object.fromEntries(
    cluster.regions.map((r, i) => [
      r.regionName,
      { analyticsNodes: 0, electableNodes: r.nodeCount, priority: 7 - i, readOnlyNodes: 0 },
    ]),
  );
  const [first] = cluster.regions;
  return {
    autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGBEnabled: false },
    backupEnabled: false,
    biConnector: BI_CONNECTOR,
    clusterType: cluster.clusterType,
    connectionStrings: c.strings,
    createDate: c.createDate,
    diskSizeGB: DISK_SIZE_GB,
    encryptionAtRestProvider: "NONE",
    groupId: cluster.projectId,
    id: cluster.id,
    labels: [],
    links: c.links,
    mongoDBMajorVersion: MAJOR_VERSION,
    mongoDBVersion: FULL_VERSION,
    ...(creating ? {} : { mongoURI: publicHostList(cluster) }),
    mongoURIUpdated: c.createDate,
    ...(creating ? {} : { mongoURIWithOptions: publicStandardString(cluster) }),
    name: cluster.name,
    numShards: cluster.replicationSpecIds.length,
    paused: cluster.paused,
    pitEnabled: false,
    providerBackupEnabled: false,
    providerSettings: first === undefined ? {} : legacyProviderSettings(first),
    replicationFactor: cluster.regions.reduce((sum, r) => sum + r.nodeCount, 0),
    replicationSpec: regionsConfig,
    replicationSpecs: [
      {
        id: cluster.replicationSpecIds[0],
        numShards: cluster.replicationSpecIds.length,
        regionsConfig,
        zoneName: ZONE_NAME,
      },
    ],
    rootCertType: "ISRGROOTX1",
    ...(creating ? {} : { srvAddress: publicSrvString(cluster) }),
    stateName: phase.stateName,
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: "LTS",
  };
}

const ADVANCED_CONFIGURATION = {
  customOpensslCipherConfigTls12: [],
  customOpensslCipherConfigTls13: [],
  minimumEnabledTlsProtocol: "TLS1_2",
  tlsCipherConfigMode: "DEFAULT",
};
const BI_CONNECTOR = { enabled: false, readPreference: "secondary" };
const AUTO_SCALING = { compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: false } };

function configServer(cluster: ClusterRecord): Record<string, string> {
  return cluster.clusterType === "SHARDED"
    ? { configServerManagementMode: "ATLAS_MANAGED", configServerType: "EMBEDDED" }
    : {};
}

/** Self, restore jobs and snapshots, as recorded. */
function clusterLinks(cluster: ClusterRecord, base: LinkBase): unknown[] {
  const self = `${base.origin}${base.apiPrefix}/groups/${cluster.projectId}/clusters/${cluster.name}`;
  return [
    { href: self, rel: "self" },
    { href: `${self}/backup/restoreJobs`, rel: "https://cloud.mongodb.com/restoreJobs" },
    { href: `${self}/backup/snapshots`, rel: "https://cloud.mongodb.com/snapshots" },
  ];
}

/** A region's configuration; priority 7 for the first region, one less for each next. */
function regionConfig(
  region: ClusterRegion,
  index: number,
  options: { readonly diskSizeGB: boolean; readonly effective: boolean },
): Record<string, unknown> {
  const spec = (nodeCount: number): Record<string, unknown> => hardware(region.provider, nodeCount, options.diskSizeGB);
  const electable = spec(region.nodeCount);
  return {
    analyticsSpecs: spec(0),
    autoScaling: AUTO_SCALING,
    ...(options.effective
      ? { effectiveAnalyticsSpecs: spec(0), effectiveElectableSpecs: electable, effectiveReadOnlySpecs: spec(0) }
      : {}),
    electableSpecs: electable,
    priority: 7 - index,
    providerName: region.provider,
    readOnlySpecs: spec(0),
    regionName: region.regionName,
  };
}

/** Hardware of one node kind: AWS as recorded; Azure and GCP without the AWS-only disk fields (never recorded). */
function hardware(provider: ProviderName, nodeCount: number, withDiskSize: boolean): Record<string, unknown> {
  const disk = withDiskSize ? { diskSizeGB: DISK_SIZE_GB } : {};
  return provider === "AWS"
    ? { instanceSize: INSTANCE_SIZE, diskIOPS: DISK_IOPS, ...disk, ebsVolumeType: "STANDARD", nodeCount }
    : { instanceSize: INSTANCE_SIZE, ...disk, nodeCount };
}

function legacyProviderSettings(region: ClusterRegion): Record<string, unknown> {
  const autoScaling = { compute: { maxInstanceSize: null, minInstanceSize: null } };
  return region.provider === "AWS"
    ? {
        providerName: "AWS",
        autoScaling,
        diskIOPS: DISK_IOPS,
        encryptEBSVolume: true,
        instanceSizeName: INSTANCE_SIZE,
        regionName: region.regionName,
        volumeType: "STANDARD",
      }
    : { providerName: region.provider, autoScaling, instanceSizeName: INSTANCE_SIZE, regionName: region.regionName };
}
