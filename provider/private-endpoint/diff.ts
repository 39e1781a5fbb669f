import { changedSettings, differs, type DiffAnswer } from "../lifecycle/diffs";
import { isUnfinishedCreate, UNFINISHED_CREATE, UNFINISHED_CREATE_NOTE } from "../lifecycle/unfinished-create";
import { STATE_ONLY_INPUTS } from "./inputs";
import { storedStatusView } from "./outputs";
import { judge } from "./status";

/** The status output of each cloud, named when a failed registration is replaced. */
const STATUS_OUTPUT: Readonly<Record<string, string>> = {
  AWS: "awsConnectionStatus",
  AZURE: "azureStatus",
  GCP: "gcpStatus",
};

/**
 * Compares the stored state (`olds`: inputs and outputs) with new inputs. Atlas cannot update a registration:
 * - every input that reaches Atlas replaces it when it changes, and so does a registration Atlas reported `REJECTED`
 *   or `FAILED` (Atlas' advice: delete it and register it again);
 * - the old one is deleted first exactly when the replacement registers the same cloud endpoint with the same service
 *   (Atlas would refuse a second registration of it with 409); otherwise the new one is registered first;
 * - deadlines and flags change state only, and a create marked unfinished is a change (named by a note), so `update`
 *   resumes it; a status a refresh stored is not;
 * - an Azure ARM id is compared without regard to case, as Azure does (respelling it must not replace: an outage).
 */
export function diffRegistration(olds: Record<string, unknown>, news: Record<string, unknown>): DiffAnswer {
  const replaces: string[] = [];
  const check = (key: string, normalise: (value: never) => string): boolean => {
    const changed = differs(olds[key], news[key], normalise);
    if (changed) replaces.push(key);
    return changed;
  };
  const lower = (value: string): string => value.toLowerCase();
  const exact = (value: string): string => value;
  const azure = String(news["providerName"] ?? olds["providerName"]).toUpperCase() === "AZURE";

  const sameEndpoint = ![
    check("projectId", lower),
    check("providerName", (value: string) => value.toUpperCase()),
    check("privateLinkId", lower),
    check("endpointServiceId", azure ? lower : exact),
  ].some(Boolean);
  check("gcpProjectId", exact);
  if (differs(olds["privateEndpointIpAddress"] ?? undefined, news["privateEndpointIpAddress"] ?? undefined, exact)) {
    replaces.push("privateEndpointIpAddress");
  }
  if (differs(endpointsKey(olds["endpoints"]), endpointsKey(news["endpoints"]), exact)) replaces.push("endpoints");

  const verdict = judge(storedStatusView(olds));
  const statusOutput = STATUS_OUTPUT[String(olds["providerName"])] ?? "gcpStatus";
  if (verdict.kind === "failed") replaces.push(statusOutput);
  const unfinished = replaces.length === 0 && isUnfinishedCreate(olds);
  const updates = [...changedSettings(olds, news, STATE_ONLY_INPUTS), ...(unfinished ? [UNFINISHED_CREATE] : [])];

  return {
    changes: replaces.length > 0 || updates.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && sameEndpoint,
    updates,
    ...(unfinished ? { notes: [UNFINISHED_CREATE_NOTE] } : {}),
  };
}

/** The endpoints as Atlas keys them (name and address, in name order); `[]`, null and absent are alike. */
function endpointsKey(value: unknown): unknown {
  if (!Array.isArray(value)) return value ?? undefined;
  if (value.length === 0) return undefined;
  if (value.some((entry) => typeof entry !== "object" || entry === null)) return value;
  const pairs = (value as Record<string, unknown>[]).map((e) => [e["endpointName"], e["ipAddress"]] as const);
  if (pairs.some(([name, ip]) => typeof name !== "string" || typeof ip !== "string")) return pairs.flat();
  return JSON.stringify([...pairs].sort(([a], [b]) => String(a).localeCompare(String(b))));
}
