import type { ImportIdSpec } from "../lifecycle/description";
import { fetchForImport, importIdParts, ImportIdError } from "../lifecycle/import-id";
import { checkConnectionStringsInputs } from "./check";
import { shown } from "./diagnosis";
import { pickEntry } from "./entry";
import type { ConnectionStringsInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { connectionStringsId } from "./refs";
import { diagnosisNow } from "./waits";

const FORM = "<projectId>/<clusterName>/<endpointIds>";
const TYPE = "PrivateConnectionStrings";

/**
 * The import id, `<projectId>/<clusterName>/<endpointIds>`: `<endpointIds>` is one or more cloud endpoint ids separated
 * by commas (`vpce-…,vpce-…`), and may hold `/` (an Azure ARM id, which starts with one: `…/orders//subscriptions/…`;
 * the leading `/` may be left out). No endpoint id holds a comma. The Pulumi id is the resource's usual
 * `<projectId>:<clusterName>:<endpointIds>`. The import reads the cluster once and needs the entry to be listed: what
 * it imports is the strings Atlas publishes now, and a resource without them would plan a wait at once.
 */
export const connectionStringsImportId: ImportIdSpec = {
  form: FORM,
  parse: (importId) => {
    const parts = importIdParts(TYPE, FORM, importId);
    const { projectId = "", clusterName = "" } = parts.checkedBy(checkConnectionStringsInputs, [
      "projectId",
      "clusterName",
    ]);
    const endpointIds = (parts.values["endpointIds"] ?? "")
      .split(",")
      .map((id) => id.trim())
      // An ARM id written without its leading slash gets it back.
      .map((id) => (/^subscriptions\//i.test(id) ? `/${id}` : id));
    const { failures } = checkConnectionStringsInputs({ projectId, clusterName, endpointIds });
    const failure = failures.find((f) => f.property.startsWith("endpointIds"));
    if (failure !== undefined) parts.fail("endpointIds", failure.reason);
    const props = { projectId, clusterName, endpointIds };
    return { id: connectionStringsId(props), props };
  },
  read: async (context, { id, props }) => {
    const known = props as unknown as ConnectionStringsInputs;
    const { projectId, clusterName, endpointIds } = known;
    const cluster = await fetchForImport(
      () => context.client.getCluster(projectId, clusterName),
      `cluster ${clusterName} in project ${projectId}`,
    );
    const entry = pickEntry(cluster, endpointIds);
    if (entry === undefined) {
      throw new ImportIdError(
        `${clusterName} lists no private endpoint entry holding ${endpointIds.map(shown).join(", ")}, so there are no strings to import: ${await diagnosisNow(context, known, cluster)}. Declare the resource instead (its create waits for the entry), or import once Atlas lists it.`,
      );
    }
    const inputs: ConnectionStringsInputs = { projectId, clusterName, endpointIds };
    return { id, inputs: { ...inputs }, props: outputsFrom(inputs, cluster, entry) };
  },
};
