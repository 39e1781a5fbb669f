import type { AtlasCredentials } from "../atlas/auth";
import { ATLAS_BASE_URL, ATLAS_GOV_BASE_URL, checkBaseUrl, type AtlasApiVersion } from "../atlas/client";

/**
 * Where settings are looked up: the stack configuration (given to `configure`) and then the environment
 * (read at each call, because the plugin inherits the CLI's environment).
 */
export interface ConfigSource {
  get(key: string): string | undefined;
  /**
   * How messages should name a key (one of {@link CONFIG_KEYS}), when this source keeps it under another name (the
   * provider plugin's `atlas-private-endpoint:*` namespace). Default: the key itself.
   */
  keyName?(key: string): string;
}

/** The official provider's keys, so a stack configured for it works unchanged. */
export const CONFIG_KEYS = {
  publicKey: "mongodbatlas:publicKey",
  privateKey: "mongodbatlas:privateKey",
  clientId: "mongodbatlas:clientId",
  clientSecret: "mongodbatlas:clientSecret",
  accessToken: "mongodbatlas:accessToken",
  baseUrl: "mongodbatlas:baseUrl",
  isMongodbgovCloud: "mongodbatlas:isMongodbgovCloud",
  /** Ours, in a namespace of its own so it cannot collide with the official provider's keys. */
  apiVersion: "atlasPrivateEndpoint:apiVersion",
} as const;

/** The environment variables the official providers honour, first match wins; plus ours for the API version. */
export const ENV_VARS = {
  publicKey: ["MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY"],
  privateKey: ["MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY"],
  clientId: ["MONGODB_ATLAS_CLIENT_ID"],
  clientSecret: ["MONGODB_ATLAS_CLIENT_SECRET"],
  accessToken: ["MONGODB_ATLAS_ACCESS_TOKEN"],
  baseUrl: ["MONGODB_ATLAS_BASE_URL"],
  isMongodbgovCloud: ["MONGODB_ATLAS_IS_MONGODBGOV_CLOUD"],
  apiVersion: ["ATLAS_PRIVATE_ENDPOINT_API_VERSION"],
} as const satisfies Record<keyof typeof CONFIG_KEYS, readonly string[]>;

/** Everything a call needs to reach Atlas. Holds secrets: never log, store or put it in an error. */
export interface ConnectionSettings {
  readonly baseUrl: string;
  readonly apiVersion: AtlasApiVersion;
  readonly credentials: AtlasCredentials;
}

/** A setting that is missing or wrong; the message says where settings come from and how to fix it. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

type SettingName = keyof typeof CONFIG_KEYS;

/** Resolves the connection settings: stack config first, then the environment. Throws {@link ConfigurationError}. */
export function resolveConnectionSettings(
  stackConfig: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ConnectionSettings {
  const lookup = lookupIn(stackConfig, env);
  return { ...resolveEndpoint(lookup), credentials: resolveCredentials(lookup) };
}

/** Checks the settings that need no secret (base URL, API version), as `check` does before any call. */
export function checkEndpointSettings(
  stackConfig: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ConfigurationError | undefined {
  try {
    resolveEndpoint(lookupIn(stackConfig, env));
    return undefined;
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
}

interface Lookup {
  (name: SettingName): string | undefined;
  /** The configuration key of a setting, as the user writes it. */
  key(name: SettingName): string;
}

function lookupIn(stackConfig: ConfigSource | undefined, env: NodeJS.ProcessEnv): Lookup {
  const lookup = (name: SettingName): string | undefined => {
    const fromConfig = stackConfig?.get(CONFIG_KEYS[name]);
    if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
    for (const variable of ENV_VARS[name]) {
      const fromEnv = env[variable];
      if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
    }
    return undefined;
  };
  lookup.key = (name: SettingName): string => stackConfig?.keyName?.(CONFIG_KEYS[name]) ?? CONFIG_KEYS[name];
  return lookup;
}

function resolveEndpoint(lookup: Lookup): Omit<ConnectionSettings, "credentials"> {
  const apiVersion = lookup("apiVersion") ?? "v1.0";
  if (apiVersion !== "v1.0" && apiVersion !== "v2") {
    throw new ConfigurationError(
      `${lookup.key("apiVersion")} (or ${ENV_VARS.apiVersion[0]}) is "${apiVersion}"; set it to "v1.0" or "v2"`,
    );
  }

  const isGov = (lookup("isMongodbgovCloud") ?? "false").toLowerCase() === "true";
  const rawBaseUrl = lookup("baseUrl") ?? (isGov ? ATLAS_GOV_BASE_URL : ATLAS_BASE_URL);
  const checked = checkBaseUrl(rawBaseUrl);
  if (!checked.ok) {
    throw new ConfigurationError(`${lookup.key("baseUrl")} (or ${ENV_VARS.baseUrl[0]}): ${checked.problem}`);
  }

  return { baseUrl: checked.url, apiVersion };
}

function resolveCredentials(lookup: Lookup): AtlasCredentials {
  const accessToken = lookup("accessToken");
  if (accessToken !== undefined) return { kind: "access-token", accessToken };

  const clientId = lookup("clientId");
  const clientSecret = lookup("clientSecret");
  if (clientId !== undefined || clientSecret !== undefined) {
    if (clientId === undefined || clientSecret === undefined) throw incompletePair(lookup, "clientId", "clientSecret");
    return { kind: "service-account", clientId, clientSecret };
  }

  const publicKey = lookup("publicKey");
  const privateKey = lookup("privateKey");
  if (publicKey !== undefined || privateKey !== undefined) {
    if (publicKey === undefined || privateKey === undefined) throw incompletePair(lookup, "publicKey", "privateKey");
    return { kind: "api-key", publicKey, privateKey };
  }

  throw new ConfigurationError(
    [
      "No MongoDB Atlas credentials were found. Provide one of:",
      `  - API keys: pulumi config set ${lookup.key("publicKey")} <public key> and pulumi config set --secret ${lookup.key("privateKey")} <private key>, or the environment variables ${ENV_VARS.publicKey.join(" / ")} and ${ENV_VARS.privateKey.join(" / ")};`,
      `  - a service account: ${lookup.key("clientId")} and (secret) ${lookup.key("clientSecret")}, or ${ENV_VARS.clientId[0]} and ${ENV_VARS.clientSecret[0]};`,
      `  - an access token: (secret) ${lookup.key("accessToken")}, or ${ENV_VARS.accessToken[0]}.`,
    ].join("\n"),
  );
}

function incompletePair(lookup: Lookup, present: SettingName, missing: SettingName): ConfigurationError {
  return new ConfigurationError(
    `Atlas ${present} and ${missing} go together, but only one of them is set. Set both ${lookup.key(present)} and ${lookup.key(missing)} (or ${ENV_VARS[present][0]} and ${ENV_VARS[missing][0]}).`,
  );
}
