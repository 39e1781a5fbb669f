/**
 * Import ids: the parts of `<projectId>/<providerName>/…` by the names of a resource's documented form, and the errors
 * a malformed one gets (the form again, filled with what the user wrote). Each resource's `import-id.ts` uses these.
 */
import { isAtlasApiError } from "../atlas/errors";
import type { CheckAnswer, Props } from "./description";

/** A malformed import id, or one that names nothing in Atlas; the message says what to write. */
export class ImportIdError extends Error {
  override readonly name = "ImportIdError";
}

/** The parts of one import id, by the names of its form. */
export interface ImportIdParts {
  /** Each part the user gave, by its name in the form (`projectId`, …). */
  readonly values: Readonly<Record<string, string>>;
  /**
   * Validates the named parts with the resource's `check` (which needs no network): the first failure on one of them
   * becomes an {@link ImportIdError}. Returns their values as `check` normalises them.
   */
  checkedBy(check: (news: Props) => CheckAnswer, parts: readonly string[]): Readonly<Record<string, string>>;
  /** Throws an {@link ImportIdError} about one part, with its placeholder in the filled form. */
  fail(part: string, reason: string): never;
}

const PLACEHOLDER = /<([A-Za-z]+)>/g;

/**
 * Splits `importId` into the parts `form` names (`<projectId>/<providerName>/<privateLinkId>`, parts separated by
 * `/`). The last part takes the rest of the id, so it may itself hold `/` (an Azure ARM id). Throws an
 * {@link ImportIdError} when a part is missing.
 */
export function importIdParts(type: string, form: string, importId: string): ImportIdParts {
  const names = [...form.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
  const pieces = importId.trim().split("/");
  const values: Record<string, string> = {};
  names.forEach((name, index) => {
    const last = index === names.length - 1;
    const value = last ? pieces.slice(index).join("/") : pieces[index];
    if (value !== undefined && value !== "") values[name] = value;
  });
  const filled = (without?: string): string =>
    names.map((name) => (name !== without ? values[name] : undefined) ?? `<${name}>`).join("/");
  const error = (reason: string, without?: string): ImportIdError =>
    new ImportIdError(
      `Import id ${JSON.stringify(importId)} does not name a ${type}: ${reason}. Write it as ${form}, here ${filled(without)}`,
    );
  const missing = names.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw error(`it has no ${missing.join(" and no ")}`);

  const fail = (part: string, reason: string): never => {
    throw error(reason, part);
  };
  return {
    values,
    fail,
    checkedBy: (check, parts) => {
      const { inputs, failures } = check(Object.fromEntries(parts.map((part) => [part, values[part]])));
      const failure = failures.find((f) => parts.includes(f.property));
      if (failure !== undefined) fail(failure.property, failure.reason);
      return Object.fromEntries(parts.map((part) => [part, String(inputs[part])]));
    },
  };
}

/** An Atlas object id: 24 hex digits. */
export const ATLAS_OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * Fetches what an import id names. A 404 is an {@link ImportIdError} that names what was asked for and says to check
 * the id (an import never treats a 404 as "gone").
 */
export async function fetchForImport<T>(fetch: () => Promise<T>, what: string): Promise<T> {
  try {
    return await fetch();
  } catch (error) {
    if (isAtlasApiError(error) && error.category === "not-found") {
      throw new ImportIdError(
        `Atlas has no ${what} (it answered ${String(error.status)} ${String(error.errorCode)}); check the import id`,
      );
    }
    throw error;
  }
}
