import { randomBytes, randomInt, randomUUID } from "node:crypto";

// Like a MongoDB ObjectId: 4 bytes of seconds, 5 bytes fixed per process, 3 bytes of counter.
const processPart = randomBytes(5).toString("hex");
let counter = randomInt(0, 0xffffff);

/** A fresh 24-lower-hex id shaped like a MongoDB ObjectId (time prefix, then random), as Atlas ids are. */
export function newObjectId(nowMs: number): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(nowMs / 1000) % 0x100000000;
  return seconds.toString(16).padStart(8, "0") + processPart + counter.toString(16).padStart(6, "0");
}

/** The id right after `id` (counter + 1): Atlas names an Azure resource group after the id following the service's. */
export function nextObjectId(id: string): string {
  const next = (parseInt(id.slice(18), 16) + 1) % 0x1000000;
  return id.slice(0, 18) + next.toString(16).padStart(6, "0");
}

/** `length` random lower-case hex digits. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random characters from `[a-z0-9]`. */
export function randomLowerAlnum(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += LOWER_ALNUM[randomInt(0, LOWER_ALNUM.length)];
  return out;
}

/** A random lower-case UUID (Azure subscription ids look like this). */
export function randomUuid(): string {
  return randomUUID();
}
