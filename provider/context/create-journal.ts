/**
 * A record of creates whose request may have reached Atlas, kept on disk until the engine has their outcome. When a
 * run is killed mid-create (a second Ctrl-C, a CI runner's SIGKILL), the engine never records what Atlas made; the
 * next run's create finds the record and takes that object back instead of refusing it as "already exists".
 *
 * One file per create, under `<state folder>/interrupted-creates/<project>.<stack>/`; the state folder is
 * `ATLAS_PRIVATE_ENDPOINT_STATE_DIR`, else `$XDG_STATE_HOME/pulumi-atlas-private-endpoint`, else
 * `~/.local/state/pulumi-atlas-private-endpoint`. A record holds the slot (type, Atlas project, provider and region or
 * ids), the time of the request and the id Atlas answered: never a setting or a credential.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** One create that was sent and whose outcome the engine may not have. */
export interface CreateRecord {
  /** What the create fills in Atlas, e.g. `PrivateEndpointService/<projectId>/AWS/US_EAST_1`. */
  readonly slot: string;
  /** When the request was about to be sent (epoch ms). */
  readonly postedAtMs: number;
  /** The id Atlas answered, once known. */
  readonly id?: string;
}

/** The records of one stack. Methods never throw: a journal that cannot be written only loses its safety net. */
export interface CreateJournal {
  /** Notes that a create of `slot` is about to be sent (before the request, so a kill during it is covered). */
  posting(slot: string, postedAtMs: number): Promise<void>;
  /** Notes the id Atlas answered for `slot`. */
  answered(slot: string, id: string): Promise<void>;
  /** The record of `slot`, if a create of it was interrupted. */
  find(slot: string): Promise<CreateRecord | undefined>;
  /** Drops the record of `slot`: the engine has the outcome (or nothing was made). */
  forget(slot: string): Promise<void>;
}

/** Which stack a journal belongs to. */
export interface StackKey {
  readonly project: string;
  readonly stack: string;
}

const STATE_DIR_ENV = "ATLAS_PRIVATE_ENDPOINT_STATE_DIR";

/** The per-user folder this package keeps state in (see the module comment). */
export function stateFolder(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[STATE_DIR_ENV];
  if (explicit !== undefined && explicit !== "") return explicit;
  const xdg = env["XDG_STATE_HOME"];
  const base = xdg !== undefined && xdg !== "" ? xdg : path.join(os.homedir(), ".local", "state");
  return path.join(base, "pulumi-atlas-private-endpoint");
}

/** The folder of one stack's records. */
export function journalFolder(key: StackKey, root: string = stateFolder()): string {
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, "_");
  return path.join(root, "interrupted-creates", `${safe(key.project)}.${safe(key.stack)}`);
}

/**
 * A journal on disk for the stack `key` resolves to (asked once, when first needed); without a stack (`undefined`)
 * it keeps nothing. `warn` hears, once, that the folder cannot be written.
 */
export function fileJournal(
  key: () => Promise<StackKey | undefined>,
  warn: (message: string) => void,
  root: () => string = () => stateFolder(),
): CreateJournal {
  let folder: Promise<string | undefined> | undefined;
  let warned = false;
  const folderOf = (): Promise<string | undefined> =>
    (folder ??= key().then(
      (stack) => (stack === undefined ? undefined : journalFolder(stack, root())),
      () => undefined,
    ));
  const fileOf = (dir: string, slot: string): string =>
    path.join(dir, `${crypto.createHash("sha256").update(slot).digest("hex").slice(0, 32)}.json`);
  const guarded = async <T>(fallback: T, action: (dir: string) => T): Promise<T> => {
    const dir = await folderOf();
    if (dir === undefined) return fallback;
    try {
      return action(dir);
    } catch (error) {
      if (!warned) {
        warned = true;
        warn(`cannot keep the record of interrupted creates in ${dir}: ${(error as Error).message}`);
      }
      return fallback;
    }
  };
  const write = (dir: string, record: CreateRecord): void => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = fileOf(dir, record.slot);
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(record), { mode: 0o600 });
    fs.renameSync(temp, file);
  };
  const read = (dir: string, slot: string): CreateRecord | undefined => {
    const file = fileOf(dir, slot);
    if (!fs.existsSync(file)) return undefined;
    const record = JSON.parse(fs.readFileSync(file, "utf8")) as CreateRecord;
    return record.slot === slot ? record : undefined;
  };
  return {
    posting: (slot, postedAtMs) => guarded(undefined, (dir) => write(dir, { slot, postedAtMs })),
    answered: (slot, id) =>
      guarded(undefined, (dir) => {
        const record = read(dir, slot);
        write(dir, { slot, postedAtMs: record?.postedAtMs ?? Date.now(), id });
      }),
    find: (slot) => guarded(undefined, (dir) => read(dir, slot)),
    forget: (slot) => guarded(undefined, (dir) => fs.rmSync(fileOf(dir, slot), { force: true })),
  };
}
