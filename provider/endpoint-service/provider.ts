/**
 * The dynamic provider of `PrivateEndpointService`, built from its description. The resource passes this module object
 * to `pulumi.dynamic.Resource`, so an installed package serializes it as a one-line `require("<package>/provider")`
 * (package.json maps that subpath here) and state always runs the installed code. The subpath and these names are
 * stable: states written by 0.1.0 require them.
 */
import { dynamicProviderOf } from "../faces/dynamic/provider-module";
import { endpointService } from "./description";

const provider = dynamicProviderOf(endpointService);
export const { configure, check, diff, create, read, update } = provider;
const deleteResource = provider.delete;
export { deleteResource as delete };
