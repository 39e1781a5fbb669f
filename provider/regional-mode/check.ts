import { checkResourceInputs, type InputRules } from "../lifecycle/checks";
import type { CheckAnswer } from "../lifecycle/description";
import { INPUT_NAMES, TIMEOUT_KEYS } from "./inputs";

const RULES: InputRules = {
  resourceType: "PrivateEndpointRegionalMode",
  inputNames: INPUT_NAMES,
  flags: ["enabled"],
  timeoutKeys: TIMEOUT_KEYS,
};

/**
 * Validates and normalises regional mode's inputs without any network call (it also runs in preview): the project id
 * (lower-cased), `enabled` a boolean, the deadlines. Unknown values pass through.
 */
export function checkRegionalModeInputs(news: Record<string, unknown>): CheckAnswer {
  // Only the shared checks: the project id, and `enabled` as a flag.
  return checkResourceInputs(news, RULES, () => undefined);
}
