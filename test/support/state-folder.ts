/**
 * Every test file gets its own state folder (`ATLAS_PRIVATE_ENDPOINT_STATE_DIR`, inherited by the plugins and CLIs it
 * starts), so journals of interrupted creates never land in the developer's home, and tests see only their own.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "atlas-state-"));
process.env["ATLAS_PRIVATE_ENDPOINT_STATE_DIR"] = folder;

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});
