/**
 * The dynamic provider of `PrivateConnectionStrings`, built from its description. Installed, it serializes as a
 * one-line `require("<package>/provider/private-connection-strings")`; the subpath and these names are stable, states
 * require them.
 */
import { dynamicProviderOf } from "../faces/dynamic/provider-module";
import { privateConnectionStrings } from "./description";

const provider = dynamicProviderOf(privateConnectionStrings);
export const { configure, check, diff, create, read, update } = provider;
const deleteResource = provider.delete;
export { deleteResource as delete };
