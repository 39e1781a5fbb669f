import type { OperationContext } from "../context/operation-context";
import { SETTING, onOff } from "./change";

/**
 * A create's journal slot: the change of project `projectId`'s setting to `enabled`. The setting always exists, so
 * what a killed create can lose is not an object but the value it found: the slot names the value it set.
 */
export function changeSlot(projectId: string, enabled: boolean): string {
  return `PrivateEndpointRegionalMode/${projectId}/${onOff(enabled)}`;
}

/** Both slots of a project: a create or update that reaches the engine leaves neither behind. */
export function changeSlots(projectId: string): string[] {
  return [changeSlot(projectId, true), changeSlot(projectId, false)];
}

/**
 * The value the setting had before an earlier create of this stack set it to `found` and was interrupted before the
 * engine recorded it (so this create would otherwise take `found` for the project's own value, and delete would
 * never restore the earlier one); `undefined` when the journal holds no such create. A PATCH that never reached
 * Atlas left `found` as it was, and its record names the other value, so it does not match. The one place that rule
 * lives.
 */
export async function foundBeforeInterruptedCreate(
  context: OperationContext,
  projectId: string,
  found: boolean,
): Promise<boolean | undefined> {
  const record = await context.journal?.find(changeSlot(projectId, found));
  if (record === undefined) return undefined;
  context.log(
    `taking back ${SETTING} in project ${projectId}: a create of this stack sent at ${new Date(record.postedAtMs).toISOString()} turned it ${onOff(found)} and was interrupted before Pulumi recorded it; it was ${onOff(!found)} before`,
  );
  return !found;
}
