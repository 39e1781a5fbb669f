/**
 * The dynamic provider of `PrivateEndpoint`, built from its description. Installed, it serializes as a one-line
 * `require("<package>/provider/private-endpoint")`; the subpath and these names are stable, states require them.
 */
import { dynamicProviderOf } from "../faces/dynamic/provider-module";
import { privateEndpoint } from "./description";

const provider = dynamicProviderOf(privateEndpoint);
export const { configure, check, diff, create, read, update } = provider;
const deleteResource = provider.delete;
export { deleteResource as delete };
