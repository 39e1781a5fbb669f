/**
 * The checks both resources make the same way: the unknown-value marker, how values are shown in messages, and the
 * project, provider, flag, timeout and property-name checks. No network: `check` also runs in preview.
 */
import { PROVIDER_NAMES, isProviderName, type ProviderName } from "../../regions/regions";
import { parseDurationMs } from "./timeouts";

/** The value the engine sends for an input not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One rejected input: the property and a sentence naming the value and the fix. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** Records one failure. */
export type Fail = (property: string, reason: string) => void;

/** Values longer than this many characters are cut short in messages. */
export const SHOWN_VALUE_MAX_CHARS = 60;

/** A value as messages show it: JSON, cut to {@link SHOWN_VALUE_MAX_CHARS} characters and "…" when longer. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  // JSON.stringify gives undefined for functions and symbols, which inputs never hold.
  const text = (JSON.stringify(value) as string | undefined) ?? typeof value;
  return text.length > SHOWN_VALUE_MAX_CHARS ? `${text.slice(0, SHOWN_VALUE_MAX_CHARS)}…` : text;
}

/** "an AWS", "an AZURE", "a GCP": the article as the names are spoken. */
export function withArticle(provider: ProviderName): string {
  return `${provider === "GCP" ? "a" : "an"} ${provider}`;
}

/** True for the preview marker, or a list holding it. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE || (Array.isArray(value) && value.includes(UNKNOWN_VALUE));
}

/** Rejects properties a resource does not take, listing those it does. */
export function checkPropertyNames(
  news: Record<string, unknown>,
  resourceType: string,
  inputNames: readonly string[],
  fail: Fail,
): void {
  for (const key of Object.keys(news)) {
    if (key === "__provider" || inputNames.includes(key)) continue;
    fail(
      key,
      `unknown property ${show(key)}; ${resourceType} takes ${inputNames.filter((n) => n !== "resourceName").join(", ")}`,
    );
  }
}

/** Checks and normalises (trimmed, lower case) the 24-hex project id. */
export function checkProjectId(value: unknown, inputs: Record<string, unknown>, fail: Fail): void {
  if (value === UNKNOWN_VALUE) return;
  if (value === undefined || value === "") {
    fail(
      "projectId",
      "projectId is required: the 24-digit hex id of the Atlas project (Project Settings in Atlas, or mongodbatlas.Project's id)",
    );
    return;
  }
  if (typeof value !== "string" || !/^[0-9a-fA-F]{24}$/.test(value.trim())) {
    fail(
      "projectId",
      `projectId ${show(value)} is not an Atlas project id; use the 24-digit hex id, e.g. 0123456789abcdef01234567`,
    );
    return;
  }
  inputs["projectId"] = value.trim().toLowerCase();
}

/** Checks the provider name and upper-cases it; `undefined` when unknown (preview) or wrong. */
export function checkProviderName(
  value: unknown,
  inputs: Record<string, unknown>,
  fail: Fail,
): ProviderName | undefined {
  if (value === UNKNOWN_VALUE) return undefined;
  const upper = typeof value === "string" ? value.trim().toUpperCase() : undefined;
  if (isProviderName(upper)) {
    inputs["providerName"] = upper;
    return upper;
  }
  fail(
    "providerName",
    value === undefined
      ? `providerName is required; use one of ${PROVIDER_NAMES.join(", ")}`
      : `providerName ${show(value)} is not a provider Atlas offers private endpoints for; use one of ${PROVIDER_NAMES.join(", ")}`,
  );
  return undefined;
}

/** Checks that each of `flags` is a boolean when set. */
export function checkFlags(news: Record<string, unknown>, flags: readonly string[], fail: Fail): void {
  for (const flag of flags) {
    const value = news[flag];
    if (value !== undefined && value !== UNKNOWN_VALUE && typeof value !== "boolean") {
      fail(flag, `${flag} must be true or false, got ${show(value)}`);
    }
  }
}

/** Checks `timeouts`: an object whose keys are among `keys` and whose values are durations. */
export function checkTimeouts(value: unknown, keys: readonly string[], fail: Fail): void {
  if (value === undefined || value === UNKNOWN_VALUE) return;
  const example = `{ ${keys.map((key, i) => `${key}: "${i === 0 ? "45m" : "20m"}"`).join(", ")} }`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("timeouts", `timeouts must be an object such as ${example}, got ${show(value)}`);
    return;
  }
  for (const [key, duration] of Object.entries(value)) {
    const at = `timeouts.${key}`;
    if (!keys.includes(key)) {
      const list =
        keys.length > 1 ? `${keys.slice(0, -1).join(", ")} or ${keys[keys.length - 1] ?? ""}` : keys.join("");
      fail(at, `unknown timeout ${show(key)}; use ${list}`);
    } else if (duration !== undefined && duration !== UNKNOWN_VALUE) {
      if (typeof duration !== "string" || parseDurationMs(duration) === undefined) {
        fail(at, `${at} ${show(duration)} is not a duration; write it like "45m", "1h30m" or "90s"`);
      }
    }
  }
}

/** `resourceName` is set by the resource classes; anything else there is a mistake. */
export function checkResourceName(value: unknown, fail: Fail): void {
  if (value !== undefined && typeof value !== "string") {
    fail("resourceName", `resourceName is set by the resource itself; remove ${show(value)} from the inputs`);
  }
}

/** What every resource's `check` checks the same way: its input names, its boolean flags and its deadlines. */
export interface InputRules {
  /** The resource type, as messages name it. */
  readonly resourceType: string;
  /** Every input it takes (`resourceName` included). */
  readonly inputNames: readonly string[];
  /** Inputs that must be booleans when set. */
  readonly flags: readonly string[];
  /** The keys `timeouts` may hold. */
  readonly timeoutKeys: readonly string[];
}

/**
 * A resource's `check`: the checks every resource makes (unknown properties, the project id, then after the
 * resource's own, the flags, `timeouts` and `resourceName`), in that order, around `checkOwn`, which checks the rest
 * and normalises into `inputs`. No network: it runs in preview.
 */
export function checkResourceInputs(
  news: Record<string, unknown>,
  rules: InputRules,
  checkOwn: (inputs: Record<string, unknown>, fail: Fail) => void,
): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const fail: Fail = (property, reason) => {
    failures.push({ property, reason });
  };
  const inputs: Record<string, unknown> = { ...news };
  checkPropertyNames(news, rules.resourceType, rules.inputNames, fail);
  checkProjectId(news["projectId"], inputs, fail);
  checkOwn(inputs, fail);
  checkFlags(news, rules.flags, fail);
  checkTimeouts(news["timeouts"], rules.timeoutKeys, fail);
  checkResourceName(news["resourceName"], fail);
  return { inputs, failures };
}
