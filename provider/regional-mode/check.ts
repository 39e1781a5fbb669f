import {
  checkFlags,
  checkProjectId,
  checkPropertyNames,
  checkResourceName,
  checkTimeouts,
  type CheckFailure,
  type Fail,
} from "../lifecycle/checks";
import { INPUT_NAMES, TIMEOUT_KEYS } from "./inputs";

/**
 * Validates and normalises regional mode's inputs without any network call (it also runs in preview): the project id
 * (lower-cased), `enabled` a boolean, the deadlines. Unknown values pass through.
 */
export function checkRegionalModeInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const failures: CheckFailure[] = [];
  const fail: Fail = (property, reason) => {
    failures.push({ property, reason });
  };
  const inputs: Record<string, unknown> = { ...news };

  checkPropertyNames(news, "PrivateEndpointRegionalMode", INPUT_NAMES, fail);
  checkProjectId(news["projectId"], inputs, fail);
  checkFlags(news, ["enabled"], fail);
  checkTimeouts(news["timeouts"], TIMEOUT_KEYS, fail);
  checkResourceName(news["resourceName"], fail);
  return { inputs, failures };
}
