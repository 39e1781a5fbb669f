import { tabulatedSchedule, type PollSchedule } from "../provider/wait/schedule";

/** The tools our schedule is measured against. */
export type AnchorName = "terraform" | "atlas-cli" | "cloudformation";

/**
 * The MongoDB Atlas Terraform provider's wait, as the issue states it: polls at 5 s, 10 s and 20 s after the create,
 * then every 10 s.
 */
export const terraformSchedule: PollSchedule = tabulatedSchedule([5, 10, 20], 10);

/** The Atlas CLI's `watch`: every 4 s (its default wait between describes). */
export const atlasCliSchedule: PollSchedule = tabulatedSchedule([4], 4);

/** The Atlas CloudFormation resource's handler: every 20 s (its callback delay). */
export const cloudFormationSchedule: PollSchedule = tabulatedSchedule([20], 20);

/** Every anchor schedule by name, in the order reports list them. */
export const ANCHOR_SCHEDULES: Readonly<Record<AnchorName, PollSchedule>> = {
  terraform: terraformSchedule,
  "atlas-cli": atlasCliSchedule,
  cloudformation: cloudFormationSchedule,
};
