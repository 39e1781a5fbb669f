/**
 * Secrets never leave the provider: each credential kind gets a unique marker value, full lifecycles (failures
 * included) run through the real dynamic-provider plugin, and every text a user or the state could see is searched for
 * the markers: error messages and stacks, partial-create properties, outputs, everything the plugin printed, the
 * serialized `__provider`, and the emulator's request log.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as util from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { EMULATOR_IDENTITY, startEmulator, type RunningEmulator } from "../../emulator";
import {
  PluginCallError,
  builtProviderPath,
  providerReference,
  startDynamicPlugin,
  type DynamicPlugin,
} from "../../scripts/lib/dynamic-plugin";
import { control, type EmulatorControl } from "../support/emulator-control";
import type * as providerModule from "../../provider/endpoint-service/provider";
import { FAST_TIMINGS, eventually } from "../support/provider-harness";

const PROJECT = EMULATOR_IDENTITY.projectId;
const PROVIDER = providerReference();
const RUN = randomUUID().replace(/-/g, "").slice(0, 12);

/** The secret marker values. Identifiers (public key, client id) are not secrets and are not searched for. */
const SECRET = {
  privateKey: `mk-private-key-${RUN}`,
  clientSecret: `mk-client-secret-${RUN}`,
  wrongPrivateKey: `mk-wrong-private-key-${RUN}`,
  wrongClientSecret: `mk-wrong-client-secret-${RUN}`,
  bogusAccessToken: `mk-bogus-access-token-${RUN}`,
};
const PUBLIC_KEY = `mkpub${RUN}`;
const CLIENT_ID = `mdb_sa_id_${RUN}`;

let emulator: RunningEmulator;
let ctl: EmulatorControl;
/** Issued by the emulator to the marker service account: the token is a marker too. */
let accessToken: string;

/** Every form a secret could take on the wire or in a log: as is, and inside HTTP Basic credentials. */
function secretForms(): [string, string][] {
  const forms: [string, string][] = Object.entries(SECRET);
  forms.push(["accessToken", accessToken]);
  forms.push(["basic(clientId:clientSecret)", Buffer.from(`${CLIENT_ID}:${SECRET.clientSecret}`).toString("base64")]);
  forms.push([
    "basic(clientId:wrongClientSecret)",
    Buffer.from(`${CLIENT_ID}:${SECRET.wrongClientSecret}`).toString("base64"),
  ]);
  return forms;
}

/** Fails naming the secret and where it was found. */
function expectNoSecret(where: string, text: string): void {
  const found = secretForms()
    .filter(([, value]) => value !== "" && text.includes(value))
    .map(([name]) => name);
  expect({ where, found }).toEqual({ where, found: [] });
}

/** Everything an error carries: message, stack, partial properties and reasons, and every own property. */
function errorText(error: unknown): string {
  const parts = [util.inspect(error, { depth: 20, showHidden: true, getters: true })];
  if (error instanceof Error) parts.push(error.message, error.stack ?? "");
  if (error instanceof PluginCallError && error.partial !== undefined) parts.push(JSON.stringify(error.partial));
  return parts.join("\n");
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  if (!fs.existsSync(builtProviderPath()))
    throw new Error(`${builtProviderPath()} is missing: run npm run build first`);
  emulator = await startEmulator({
    provisionSeconds: 0.3,
    deletingSeconds: 0.1,
    updateSeconds: 0.1,
    quiet: true,
    config: {
      apiKeys: [{ publicKey: PUBLIC_KEY, privateKey: SECRET.privateKey, roles: { [PROJECT]: "GROUP_OWNER" } }],
      serviceAccounts: [
        { clientId: CLIENT_ID, clientSecret: SECRET.clientSecret, roles: { [PROJECT]: "GROUP_OWNER" } },
      ],
    },
  });
  ctl = control(emulator.baseUrl);
  accessToken = await issueToken();
});
afterAll(async () => {
  await emulator.close();
});

/** `POST /api/oauth/token` as the marker service account. */
async function issueToken(): Promise<string> {
  const response = await fetch(`${emulator.baseUrl}/api/oauth/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET.clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  const body = (await response.json()) as { access_token?: unknown };
  if (typeof body.access_token !== "string" || body.access_token.length < 16) {
    throw new Error(`no usable token: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

type Kind = "API key" | "service account" | "access token";

function settingsFor(kind: Kind, right: boolean): Record<string, string> {
  const base = { "mongodbatlas:baseUrl": emulator.baseUrl, "atlasPrivateEndpoint:pollTimeScale": "0.01" };
  switch (kind) {
    case "API key":
      return {
        ...base,
        "mongodbatlas:publicKey": PUBLIC_KEY,
        "mongodbatlas:privateKey": right ? SECRET.privateKey : SECRET.wrongPrivateKey,
      };
    case "service account":
      return {
        ...base,
        "mongodbatlas:clientId": CLIENT_ID,
        "mongodbatlas:clientSecret": right ? SECRET.clientSecret : SECRET.wrongClientSecret,
      };
    case "access token":
      return { ...base, "mongodbatlas:accessToken": right ? accessToken : SECRET.bogusAccessToken };
  }
}

const KINDS: readonly Kind[] = ["API key", "service account", "access token"];

describe.each(KINDS)("with %s credentials, through the real plugin", (kind) => {
  let plugin: DynamicPlugin;
  let wrong: DynamicPlugin;
  /** Every text collected from this kind's calls, searched once more at the end. */
  const seen: string[] = [];

  beforeAll(async () => {
    await ctl.reset();
    await ctl.settings(FAST_TIMINGS);
    accessToken = await issueToken(); // reset revoked the previous one
    [plugin, wrong] = await Promise.all([startDynamicPlugin(), startDynamicPlugin()]);
    await plugin.configure(settingsFor(kind, true));
    await wrong.configure(settingsFor(kind, false));
  });
  afterAll(async () => {
    await Promise.all([plugin.close(), wrong.close()]);
  });

  async function checked(target: DynamicPlugin, news: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { inputs, failures } = await target.check(
      {},
      { __provider: PROVIDER, projectId: PROJECT, resourceName: "secret", ...news },
    );
    expect(failures).toEqual([]);
    return inputs;
  }

  function collect(where: string, text: string): void {
    seen.push(text);
    expectNoSecret(where, text);
  }

  it("creates, reads, updates and deletes without a secret in any property", async () => {
    const inputs = await checked(plugin, { providerName: "AWS", region: "eu-west-1" });
    const created = await plugin.create(inputs);
    expect(created.properties["status"]).toBe("AVAILABLE");
    collect("create properties", JSON.stringify(created));
    const read = await plugin.read(created.id, created.properties);
    collect("read properties", JSON.stringify(read));
    const news = await checked(plugin, {
      providerName: "AWS",
      region: "eu-west-1",
      supportedRemoteRegions: ["us-east-1"],
    });
    collect("diff", JSON.stringify(await plugin.diff(created.id, created.properties, news)));
    const updated = await plugin.update(created.id, created.properties, news);
    expect(updated.properties["supportedRemoteRegions"]).toEqual(["US_EAST_1"]);
    collect("update properties", JSON.stringify(updated));
    await plugin.delete(created.id, updated.properties);
    expect(await ctl.services()).toEqual([]);
  });

  it("reports a FAILED create (a partial create) without a secret in its message, stack or properties", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const inputs = await checked(plugin, { providerName: "GCP", region: "us-east4" });
    const creating = failureOf(plugin.create(inputs));
    const [service] = await eventually(
      () => ctl.services(),
      (list) => list.length === 1,
    );
    await ctl.patchService(service!.id, { status: "FAILED", errorMessage: "Reason: No Capacity." });
    const error = await creating;
    expect(error).toBeInstanceOf(PluginCallError);
    expect((error as PluginCallError).partial?.id).toBe(service!.id);
    collect("FAILED create error", errorText(error));
    await plugin.delete(service!.id, (error as PluginCallError).partial!.properties);
    await ctl.settings({ provisionSeconds: 0.3 });
  });

  it("reports create and delete timeouts without a secret", async () => {
    await ctl.settings({ provisionSeconds: 30 });
    const slow = await checked(plugin, {
      providerName: "AZURE",
      region: "eastus",
      timeouts: { create: "200ms", delete: "300ms" },
    });
    const timedOut = await failureOf(plugin.create(slow));
    const partial = (timedOut as PluginCallError).partial;
    expect(partial?.properties["status"]).toBe("INITIATING");
    collect("create timeout error", errorText(timedOut));

    await ctl.patchService(partial!.id, { stuck: true });
    const stuck = await failureOf(plugin.delete(partial!.id, partial!.properties));
    expect(String(stuck)).toContain("timeouts.delete (300ms)");
    collect("delete timeout error", errorText(stuck));
    await ctl.patchService(partial!.id, { remove: true });
    await ctl.settings({ provisionSeconds: 0.3 });
  });

  it("reports wrong credentials without the wrong secret (create, read, delete)", async () => {
    const inputs = await checked(wrong, { providerName: "AWS", region: "us-west-2" });
    const refused = await failureOf(wrong.create(inputs));
    expect(String(refused)).toMatch(/401/);
    collect("create error (wrong credentials)", errorText(refused));

    const created = await plugin.create(await checked(plugin, { providerName: "AWS", region: "us-west-2" }));
    collect("read error (wrong credentials)", errorText(await failureOf(wrong.read(created.id, created.properties))));
    collect(
      "delete error (wrong credentials)",
      errorText(await failureOf(wrong.delete(created.id, created.properties))),
    );
    await plugin.delete(created.id, created.properties);
  });

  it("printed nothing secret, and the emulator's request log holds no secret", async () => {
    expect(seen.length).toBeGreaterThanOrEqual(8);
    collect("plugin output", plugin.output());
    collect("plugin output (wrong credentials)", wrong.output());
    expect(wrong.output()).toContain("401"); // the failed delete is printed with its stack: the search had text to search
    collect("emulator request log", JSON.stringify(await ctl.requests()));
  });
});

/**
 * What `new PrivateEndpointService(…)` serializes into `__provider`, under Pulumi's mocks. Fresh copies of
 * `@pulumi/pulumi` and the provider modules each time: Pulumi serializes a provider once per process and caches it.
 * `before` runs on the fresh provider module first.
 */
async function serializedProvider(
  name: string,
  before: (fresh: typeof providerModule) => Promise<void> = () => Promise.resolve(),
): Promise<string> {
  let text: unknown;
  await jest.isolateModulesAsync(async () => {
    const freshPulumi = (await import("@pulumi/pulumi")) as typeof pulumi;
    const registered: Record<string, unknown>[] = [];
    await freshPulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args.inputs as Record<string, unknown>);
          return { id: "6a793f68c0eb9e7a17715835", state: args.inputs as Record<string, unknown> };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    await before(await import("../../provider/endpoint-service/provider"));
    const { PrivateEndpointService } = await import("../../provider/endpoint-service");
    const resource = new PrivateEndpointService(name, { projectId: PROJECT, providerName: "AWS", region: "us-east-1" });
    await new Promise((resolve) => resource.urn.apply(resolve));
    text = registered.find((r) => r["resourceName"] === name)?.["__provider"];
  });
  if (typeof text !== "string" || !text.includes("exports.handler"))
    throw new Error(`no serialized provider for ${name}`);
  return text;
}

describe("the serialized provider (__provider)", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("holds no secret when the program's environment carries every credential kind", async () => {
    process.env["MONGODB_ATLAS_PRIVATE_KEY"] = SECRET.privateKey;
    process.env["MONGODB_ATLAS_CLIENT_SECRET"] = SECRET.clientSecret;
    process.env["MONGODB_ATLAS_ACCESS_TOKEN"] = accessToken;
    process.env["PULUMI_CONFIG"] = JSON.stringify({ "mongodbatlas:privateKey": SECRET.privateKey });
    expectNoSecret("__provider", await serializedProvider("from-environment"));
  });

  // Serialized by value (the provider is not under node_modules here, as with a linked or vendored checkout), the
  // module's closure state is captured: it must not hold the configured credentials.
  it.each(KINDS)(
    "holds no secret when the provider module was configured with %s credentials in the same process",
    async (kind) => {
      const text = await serializedProvider(`configured-${kind.replace(/ /g, "-")}`, async (fresh) => {
        await fresh.configure({ config: { get: (key: string) => settingsFor(kind, true)[key], require: () => "" } });
        // Use it once, so a client (digest signer, token cache) exists too.
        const read = await fresh.read("6a793f68c0eb9e7a17715835", {
          projectId: PROJECT,
          providerName: "AWS",
          region: "us-east-1",
        });
        expect(read.id).toBe("");
      });
      expectNoSecret(`__provider after configure (${kind})`, text);
    },
  );
});
