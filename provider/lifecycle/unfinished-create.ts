import type { PropertySpec } from "./description";

/**
 * The output that marks a partial create: `true` from the moment a create records the resource without finishing
 * (timed out, failed to wait, or a POST whose outcome Atlas never confirmed) until an update finishes it. Only this mark
 * makes an unchanged resource a change that resumes the create; a status a refresh happened to store does not.
 */
export const UNFINISHED_CREATE = "unfinishedCreate";

/** True when stored properties carry the {@link UNFINISHED_CREATE} mark. */
export function isUnfinishedCreate(props: Readonly<Record<string, unknown>>): boolean {
  return props[UNFINISHED_CREATE] === true;
}

/** The line the diff shows for a marked resource, naming the mark (the engine shows no property for it). */
export const UNFINISHED_CREATE_NOTE = `${UNFINISHED_CREATE}: the create of an earlier pulumi up did not finish; this update resumes it`;

/** The mark's entry in a resource's schema outputs. */
export const UNFINISHED_CREATE_OUTPUT: PropertySpec = {
  type: "boolean",
  required: true,
  description:
    "True while the create that recorded this resource has not finished (a partial create): the next up resumes it.",
};
