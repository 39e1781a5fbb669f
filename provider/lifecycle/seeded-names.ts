import { createHash } from "node:crypto";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Names drawn from a seed instead of randomness: the same seed (a resource's type and name) gives the same ids in every
 * test run, so snapshots and assertions on mocked outputs stay stable.
 */
export class SeededNames {
  private counter = 0;

  constructor(private readonly seed: string) {}

  /** `length` lower-case hex digits. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += this.block();
    return out.slice(0, length);
  }

  /** `length` characters from `[a-z0-9]`. */
  lowerAlnum(length: number): string {
    const bytes = Buffer.from(this.hex(length * 2), "hex");
    return Array.from(bytes, (byte) => LOWER_ALNUM[byte % LOWER_ALNUM.length]).join("");
  }

  /** A lower-case version-4-shaped UUID (Azure subscription ids look like this). */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** 24 lower-case hex digits, as Atlas ids (MongoDB ObjectIds) are. */
  objectId(): string {
    return this.hex(24);
  }

  private block(): string {
    this.counter += 1;
    return createHash("sha256").update(`${this.seed}\u0000${this.counter}`).digest("hex");
  }
}

/** The id right after `id` (its last 6 hex digits + 1): Atlas names an Azure resource group after it. */
export function nextObjectId(id: string): string {
  const next = (parseInt(id.slice(18), 16) + 1) % 0x1000000;
  return id.slice(0, 18) + next.toString(16).padStart(6, "0");
}
