import { endpointService } from "../provider/endpoint-service";
import { dynamicTypeToken } from "../provider/faces/dynamic/dynamic-resource";
import { privateConnectionStrings } from "../provider/private-connection-strings";
import { privateEndpoint } from "../provider/private-endpoint";
import { regionalMode } from "../provider/regional-mode";

/** The type token `PrivateEndpointService` registers (a dynamic resource in module `mongodbatlas`). */
export const ENDPOINT_SERVICE_TYPE = dynamicTypeToken(endpointService);

/** The type token `PrivateEndpoint` registers (a dynamic resource in module `mongodbatlas`). */
export const PRIVATE_ENDPOINT_TYPE = dynamicTypeToken(privateEndpoint);

/** The type token `PrivateEndpointRegionalMode` registers (a dynamic resource in module `mongodbatlas`). */
export const PRIVATE_ENDPOINT_REGIONAL_MODE_TYPE = dynamicTypeToken(regionalMode);
/** The type token `PrivateConnectionStrings` registers (a dynamic resource in module `mongodbatlas`). */
export const PRIVATE_CONNECTION_STRINGS_TYPE = dynamicTypeToken(privateConnectionStrings);
