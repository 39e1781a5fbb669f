import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileJournal, journalFolder, stateFolder } from "../../provider/context/create-journal";

const SLOT = "PrivateEndpointService/0123456789abcdef01234567/AWS/US_EAST_1";
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "journal-"));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("stateFolder", () => {
  it("is ATLAS_PRIVATE_ENDPOINT_STATE_DIR, else under XDG_STATE_HOME, else under ~/.local/state", () => {
    expect(stateFolder({ ATLAS_PRIVATE_ENDPOINT_STATE_DIR: "/x", XDG_STATE_HOME: "/y" })).toBe("/x");
    expect(stateFolder({ XDG_STATE_HOME: "/y" })).toBe("/y/pulumi-atlas-private-endpoint");
    expect(stateFolder({})).toBe(path.join(os.homedir(), ".local", "state", "pulumi-atlas-private-endpoint"));
  });

  it("keeps one folder per project and stack, with names safe for any file system", () => {
    expect(journalFolder({ project: "shop", stack: "org/prod" }, "/state")).toBe(
      "/state/interrupted-creates/shop.org_prod",
    );
  });
});

describe("fileJournal", () => {
  const stack = { project: "shop", stack: "prod" };

  it("keeps a create's record from before its POST until it is forgotten, readable only by its owner", async () => {
    const journal = fileJournal(
      () => Promise.resolve(stack),
      () => undefined,
      () => root,
    );
    await journal.posting(SLOT, 1_700_000_000_000);
    expect(await journal.find(SLOT)).toEqual({ slot: SLOT, postedAtMs: 1_700_000_000_000 });
    await journal.answered(SLOT, "6a0000000000000000000001");
    expect(await journal.find(SLOT)).toEqual({
      slot: SLOT,
      postedAtMs: 1_700_000_000_000,
      id: "6a0000000000000000000001",
    });
    const [file] = fs.readdirSync(journalFolder(stack, root));
    expect(fs.statSync(path.join(journalFolder(stack, root), file ?? "")).mode & 0o777).toBe(0o600);
    expect(await journal.find("PrivateEndpointService/other")).toBeUndefined();

    await journal.forget(SLOT);
    expect(await journal.find(SLOT)).toBeUndefined();
    expect(fs.readdirSync(journalFolder(stack, root))).toEqual([]);
  });

  it("keeps nothing when the stack is not known", async () => {
    const journal = fileJournal(
      () => Promise.resolve(undefined),
      () => undefined,
      () => root,
    );
    await journal.posting(SLOT, 1);
    expect(await journal.find(SLOT)).toBeUndefined();
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it("says once that it cannot write, and never fails the create", async () => {
    const blocked = path.join(root, "file");
    fs.writeFileSync(blocked, "not a folder");
    const warnings: string[] = [];
    const journal = fileJournal(
      () => Promise.resolve(stack),
      (message) => warnings.push(message),
      () => blocked,
    );
    await journal.posting(SLOT, 1);
    await journal.answered(SLOT, "6a0000000000000000000001");
    expect(await journal.find(SLOT)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cannot keep the record of interrupted creates in .*shop\.prod: /);
  });
});
