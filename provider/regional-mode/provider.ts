/**
 * The dynamic provider of `PrivateEndpointRegionalMode`, built from its description. The resource passes this module
 * object to `pulumi.dynamic.Resource`, so an installed package serializes it as a one-line
 * `require("<package>/provider/regional-mode")` (package.json maps that subpath here). The subpath and these names are
 * stable: states require them.
 */
import { dynamicProviderOf } from "../faces/dynamic/provider-module";
import { regionalMode } from "./description";

const provider = dynamicProviderOf(regionalMode);
export const { configure, check, diff, create, read, update } = provider;
const deleteResource = provider.delete;
export { deleteResource as delete };
