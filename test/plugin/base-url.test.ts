/**
 * A base URL that carries credentials, through the real dynamic-provider plugin: refused in `check`, before any call,
 * with a message that never echoes them, whatever else is wrong with the URL.
 */
import { EMULATOR_IDENTITY } from "../../emulator";
import { startDynamicPlugin } from "../../scripts/lib/dynamic-plugin";
import { SERVICE_PROVIDER, failureOf } from "./plugin-harness";

const URLS = [
  ["plain http to a remote host", "http://user:s3cr3t-pw@atlas.example.com"],
  ["https", "https://user:s3cr3t-pw@cloud.mongodb.com"],
  ["no scheme", "user:s3cr3t-pw@cloud.mongodb.com"],
  ["another scheme", "ftp://user:s3cr3t-pw@cloud.mongodb.com"],
  ["a password with a slash", "http://user:s3cr3t/pw@atlas.example.com/x"],
] as const;

describe("a base URL with credentials in it", () => {
  it.each(URLS)("is refused without echoing them (%s)", async (_name, baseUrl) => {
    const plugin = await startDynamicPlugin();
    try {
      await plugin.configure({
        "mongodbatlas:baseUrl": baseUrl,
        "mongodbatlas:publicKey": EMULATOR_IDENTITY.apiKey.publicKey,
        "mongodbatlas:privateKey": EMULATOR_IDENTITY.apiKey.privateKey,
      });
      const news = {
        __provider: SERVICE_PROVIDER,
        projectId: EMULATOR_IDENTITY.projectId,
        providerName: "AWS",
        region: "us-east-1",
      };
      const { failures } = await plugin.check({}, news);
      expect(failures.map((f) => f.property)).toEqual(["baseUrl"]);
      const [failure] = failures;
      expect(failure?.reason).toMatch(/^mongodbatlas:baseUrl \(or MONGODB_ATLAS_BASE_URL\): /);
      expect(failure?.reason).toMatch(/must not carry credentials; configure them as keys instead/);
      const created = await failureOf(plugin.create(news));
      for (const text of [failure?.reason ?? "", created.message, plugin.output()]) {
        expect(text).not.toContain("s3cr3t");
        expect(text).not.toContain("user:");
      }
    } finally {
      await plugin.close();
    }
  });
});
