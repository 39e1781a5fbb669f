/**
 * Every resource this package serves, by description: the provider plugin routes and describes exactly these, and the
 * testing kit mocks exactly these. A new resource is a folder exporting its description, and one more entry here.
 */
import { endpointService } from "./endpoint-service";
import { privateConnectionStrings } from "./private-connection-strings";
import { privateEndpoint } from "./private-endpoint";
import { regionalMode } from "./regional-mode";
import type { ResourceDescription } from "./lifecycle/description";

/** The resources, in the order the plugin's schema lists them. */
export const RESOURCES: readonly ResourceDescription[] = [
  endpointService,
  privateEndpoint,
  regionalMode,
  privateConnectionStrings,
];
