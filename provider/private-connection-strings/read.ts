import type { OperationContext } from "../context/operation-context";
import type { ReadAnswer } from "../lifecycle/description";
import { readOrGone } from "../lifecycle/read-or-gone";
import { pickEntry } from "./entry";
import { INPUT_NAMES, type ConnectionStringsInputs } from "./inputs";
import { outputsFrom } from "./outputs";
import { parseConnectionStringsId } from "./refs";
import { diagnosisNow } from "./waits";
import { storedInputs } from "../lifecycle/stored-inputs";

/**
 * Re-reads the entry: strings Atlas changed (hosts and ports may change) come back as new outputs. An entry that is no
 * longer there (an endpoint was deleted) keeps the resource, with null strings and a log line saying what is missing;
 * `diff` then makes the next `up` wait again. A cluster that is gone (`CLUSTER_NOT_FOUND`, any 404 about it: see
 * `isGone`) is gone; a 404 about the project is an error.
 */
export function readConnectionStrings(
  context: OperationContext,
  id: string,
  props: Record<string, unknown>,
): Promise<ReadAnswer> {
  const inputs = inputsOf(props, id);
  return readOrGone(context, {
    id,
    inputs: { ...inputs },
    what: `cluster ${inputs.clusterName}`,
    fetch: async () => {
      const cluster = await context.client.getCluster(inputs.projectId, inputs.clusterName);
      const entry = pickEntry(cluster, inputs.endpointIds);
      if (entry === undefined) {
        context.log(
          `${inputs.clusterName} no longer lists the private endpoint entry of ${inputs.endpointIds.join(", ")}: ${await diagnosisNow(context, inputs, cluster)}. The strings are null until the next pulumi up, which waits for the entry again.`,
        );
      }
      return outputsFrom(inputs, cluster, entry);
    },
    propsOf: (outputs) => outputs,
  });
}

/** The inputs part of stored properties; the id fills what they lack. */
export function inputsOf(props: Record<string, unknown>, id = ""): ConnectionStringsInputs {
  const inputs = { ...parseConnectionStringsId(id), ...storedInputs(props, INPUT_NAMES) };
  return inputs as unknown as ConnectionStringsInputs;
}
