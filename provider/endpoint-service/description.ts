import type { ResourceDescription } from "../lifecycle/description";
import { asServiceInputs, checkInputs } from "./check";
import { createService } from "./create";
import { deleteService } from "./delete";
import { diffService } from "./diff";
import type { ProviderInputs } from "./inputs";
import { serviceImportId } from "./import-id";
import { getServiceLookup, listServicesLookup } from "./lookups";
import { readyService } from "./mock";
import { inputsOf, readService } from "./read";
import { endpointServiceSchema } from "./schema";
import { updateService } from "./update";

/**
 * `PrivateEndpointService`, described once: the dynamic provider module (`./provider`), the provider plugin (with its
 * import id and functions), the TypeScript lookups and the testing kit's mocks are all built from this.
 */
export const endpointService: ResourceDescription = {
  name: "PrivateEndpointService",
  schema: endpointServiceSchema,
  progressDetail: (inputs) => {
    const where = [inputs["providerName"], inputs["region"]].filter((part) => typeof part === "string").join(" ");
    return where === "" ? undefined : where;
  },
  inputsOf: (props) => ({ ...inputsOf(props) }),
  check: checkInputs,
  diff: diffService,
  create: (context, inputs) => createService(context, inputs as unknown as ProviderInputs),
  read: readService,
  update: (context, id, olds, news) => updateService(context, id, olds, news as unknown as ProviderInputs),
  delete: (context, id, props) => deleteService(context, id, props),
  ready: (name, inputs) => readyService(name, asServiceInputs(inputs)),
  importId: serviceImportId,
  lookups: [getServiceLookup, listServicesLookup],
};
