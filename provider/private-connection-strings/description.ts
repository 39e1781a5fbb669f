import type { ResourceDescription } from "../lifecycle/description";
import { checkConnectionStringsInputs } from "./check";
import { createConnectionStrings } from "./create";
import { diffConnectionStrings } from "./diff";
import { connectionStringsImportId } from "./import-id";
import type { ConnectionStringsInputs } from "./inputs";
import { getConnectionStringsLookup } from "./lookups";
import { readyConnectionStrings } from "./mock";
import { inputsOf, readConnectionStrings } from "./read";
import { privateConnectionStringsSchema } from "./schema";
import { updateConnectionStrings } from "./update";

/**
 * `PrivateConnectionStrings`, described once: the dynamic provider module (`./provider/private-connection-strings`),
 * the provider plugin (with its import id and function), the TypeScript lookup and the testing kit's mocks are all
 * built from this.
 */
export const privateConnectionStrings: ResourceDescription = {
  name: "PrivateConnectionStrings",
  schema: privateConnectionStringsSchema,
  progressDetail: (inputs) => (typeof inputs["clusterName"] === "string" ? inputs["clusterName"] : undefined),
  inputsOf: (props, id) => ({ ...inputsOf(props, id) }),
  check: checkConnectionStringsInputs,
  diff: diffConnectionStrings,
  create: (context, inputs) => createConnectionStrings(context, inputs as unknown as ConnectionStringsInputs),
  read: readConnectionStrings,
  update: (context, _id, olds, news) =>
    updateConnectionStrings(context, olds, news as unknown as ConnectionStringsInputs),
  // Nothing exists in Atlas: deleting only forgets.
  delete: () => Promise.resolve(),
  ready: (name, inputs) => readyConnectionStrings(name, inputs as unknown as ConnectionStringsInputs),
  importId: connectionStringsImportId,
  lookups: [getConnectionStringsLookup],
};
