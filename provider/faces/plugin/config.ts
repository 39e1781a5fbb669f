/**
 * The provider plugin's configuration: its own `atlas-private-endpoint:*` keys, mapped onto the settings the shared
 * `resolveConnectionSettings` reads (so the environment variables, defaults and messages are those of the dynamic
 * resources, with the plugin's key names).
 */
import { CONFIG_KEYS, type ConfigSource } from "../../context/settings";
import { POLL_TIME_SCALE_KEY } from "../../context/operation-context";

/** The Pulumi package name of the plugin. */
export const PLUGIN_PACKAGE = "atlas-private-endpoint";

/** One configuration key of the plugin, for the schema and for the mapping onto the shared settings. */
export interface PluginConfigKey {
  /** The shared setting it feeds (a {@link CONFIG_KEYS} value, or the poll time scale key). */
  readonly setting: string;
  readonly type: "string" | "boolean" | "number";
  /** Kept encrypted in state and never printed. */
  readonly secret: boolean;
  readonly description: string;
}

/** Every key of `atlas-private-endpoint:*`, by its name inside the namespace. */
export const PLUGIN_CONFIG: Readonly<Record<string, PluginConfigKey>> = {
  publicKey: {
    setting: CONFIG_KEYS.publicKey,
    type: "string",
    secret: false,
    description:
      "Atlas programmatic API public key. Environment: MONGODB_ATLAS_PUBLIC_API_KEY or MONGODB_ATLAS_PUBLIC_KEY.",
  },
  privateKey: {
    setting: CONFIG_KEYS.privateKey,
    type: "string",
    secret: true,
    description:
      "Atlas programmatic API private key (set it with --secret). Environment: MONGODB_ATLAS_PRIVATE_API_KEY or MONGODB_ATLAS_PRIVATE_KEY.",
  },
  clientId: {
    setting: CONFIG_KEYS.clientId,
    type: "string",
    secret: false,
    description: "Atlas service account client id. Environment: MONGODB_ATLAS_CLIENT_ID.",
  },
  clientSecret: {
    setting: CONFIG_KEYS.clientSecret,
    type: "string",
    secret: true,
    description:
      "Atlas service account client secret (set it with --secret). Environment: MONGODB_ATLAS_CLIENT_SECRET.",
  },
  accessToken: {
    setting: CONFIG_KEYS.accessToken,
    type: "string",
    secret: true,
    description: "An Atlas access token, used as is (set it with --secret). Environment: MONGODB_ATLAS_ACCESS_TOKEN.",
  },
  baseUrl: {
    setting: CONFIG_KEYS.baseUrl,
    type: "string",
    secret: false,
    description:
      "The Atlas base URL. Default https://cloud.mongodb.com (or the gov cloud's). Environment: MONGODB_ATLAS_BASE_URL.",
  },
  isMongodbgovCloud: {
    setting: CONFIG_KEYS.isMongodbgovCloud,
    type: "boolean",
    secret: false,
    description: "Use Atlas for Government's base URL. Environment: MONGODB_ATLAS_IS_MONGODBGOV_CLOUD.",
  },
  apiVersion: {
    setting: CONFIG_KEYS.apiVersion,
    type: "string",
    secret: false,
    description:
      'The Atlas Admin API version, "v1.0" (default) or "v2". Environment: ATLAS_PRIVATE_ENDPOINT_API_VERSION.',
  },
  pollTimeScale: {
    setting: POLL_TIME_SCALE_KEY,
    type: "number",
    secret: false,
    description:
      "Multiplies every poll time (above 0, at most 1; default 1). Below 1 only against an emulator. Environment: ATLAS_PRIVATE_ENDPOINT_POLL_TIME_SCALE.",
  },
};

const BY_SETTING = new Map(Object.entries(PLUGIN_CONFIG).map(([name, key]) => [key.setting, name]));

/**
 * The plugin's configuration as the shared settings' source: `get("mongodbatlas:baseUrl")` answers the plugin's
 * `baseUrl`, and messages name `atlas-private-endpoint:baseUrl`.
 */
export function pluginConfigSource(values: Readonly<Record<string, string>>): ConfigSource {
  return {
    get: (setting) => {
      const name = BY_SETTING.get(setting);
      return name === undefined ? undefined : values[name];
    },
    keyName: (setting) => {
      const name = BY_SETTING.get(setting);
      return name === undefined ? setting : `${PLUGIN_PACKAGE}:${name}`;
    },
  };
}
