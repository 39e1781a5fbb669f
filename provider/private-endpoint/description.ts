import type { ResourceDescription } from "../lifecycle/description";
import { checkRegistrationInputs } from "./check";
import { createRegistration } from "./create";
import { deleteRegistrationAndWait } from "./delete";
import { diffRegistration } from "./diff";
import { registrationImportId } from "./import-id";
import { getRegistrationLookup } from "./lookups";
import type { ProviderInputs, RegistrationInputs } from "./inputs";
import { readyRegistration } from "./mock";
import { inputsOf, readRegistration } from "./read";
import { privateEndpointSchema } from "./schema";
import { updateRegistration } from "./update";

/** Cloud endpoint ids longer than this are shortened in progress lines (an Azure ARM id is long). */
const SHOWN_ENDPOINT_MAX_CHARS = 60;

/**
 * `PrivateEndpoint`, described once: the dynamic provider module (`./provider/private-endpoint`), the provider plugin
 * (with its import id and function), the TypeScript lookup and the testing kit's mocks are all built from this.
 */
export const privateEndpoint: ResourceDescription = {
  name: "PrivateEndpoint",
  schema: privateEndpointSchema,
  progressDetail: (inputs) => {
    const endpoint = typeof inputs["endpointServiceId"] === "string" ? inputs["endpointServiceId"] : undefined;
    const shown =
      endpoint !== undefined && endpoint.length > SHOWN_ENDPOINT_MAX_CHARS ? `…${endpoint.slice(-40)}` : endpoint;
    const where = [inputs["providerName"], shown].filter((part) => typeof part === "string").join(" ");
    return where === "" ? undefined : where;
  },
  inputsOf: (props, id) => ({ ...inputsOf(props, id) }),
  check: checkRegistrationInputs,
  diff: diffRegistration,
  create: (context, inputs) => createRegistration(context, inputs as unknown as ProviderInputs),
  read: readRegistration,
  update: (context, _id, olds, news) => updateRegistration(context, olds, news as unknown as ProviderInputs),
  delete: (context, id, props) => deleteRegistrationAndWait(context, inputsOf(props, id)),
  ready: (name, inputs) => readyRegistration(name, inputs as unknown as RegistrationInputs),
  importId: registrationImportId,
  lookups: [getRegistrationLookup],
};
