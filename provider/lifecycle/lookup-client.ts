import * as pulumi from "@pulumi/pulumi";
import { AtlasClient } from "../atlas/client";
import { isProviderName, type ProviderName } from "../../regions/regions";
import { resolveConnectionSettings, type ConfigSource } from "../context/settings";

/** Options of the lookups. */
export interface LookupOptions {
  /** Where settings come from; default: the program's stack config (`mongodbatlas:*`), then the environment. */
  config?: ConfigSource;
}

const programConfig: ConfigSource = { get: (key) => pulumi.runtime.getConfig(key) };

/** A client for one lookup, from the options' settings or the program's. */
export function lookupClient(options: LookupOptions | undefined): AtlasClient {
  return new AtlasClient(resolveConnectionSettings(options?.config ?? programConfig));
}

/** The provider name upper-cased; throws for one Atlas does not know. */
export function lookupProvider(value: string): ProviderName {
  const upper = value.toUpperCase();
  if (!isProviderName(upper)) throw new Error(`providerName "${value}" must be AWS, AZURE or GCP`);
  return upper;
}
