import { ConfigurationError, resolveConnectionSettings } from "../../provider/context/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveConnectionSettings", () => {
  it("lists every place credentials can come from when there are none", () => {
    let error: unknown;
    try {
      resolveConnectionSettings(config({}), {});
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    for (const place of [
      "mongodbatlas:publicKey",
      "mongodbatlas:privateKey",
      "MONGODB_ATLAS_PUBLIC_API_KEY",
      "MONGODB_ATLAS_PUBLIC_KEY",
      "MONGODB_ATLAS_PRIVATE_API_KEY",
      "MONGODB_ATLAS_PRIVATE_KEY",
      "mongodbatlas:clientId",
      "mongodbatlas:clientSecret",
      "MONGODB_ATLAS_CLIENT_ID",
      "MONGODB_ATLAS_CLIENT_SECRET",
      "mongodbatlas:accessToken",
      "MONGODB_ATLAS_ACCESS_TOKEN",
    ]) {
      expect(message).toContain(place);
    }
  });

  it("reads API keys from the environment when the stack config has none", () => {
    const settings = resolveConnectionSettings(config({}), {
      MONGODB_ATLAS_PUBLIC_KEY: "pub",
      MONGODB_ATLAS_PRIVATE_KEY: "priv",
    });
    expect(settings).toEqual({
      baseUrl: "https://cloud.mongodb.com",
      apiVersion: "v1.0",
      credentials: { kind: "api-key", publicKey: "pub", privateKey: "priv" },
    });
  });

  it("prefers stack config over the environment, and a token over a service account over API keys", () => {
    const env = { MONGODB_ATLAS_PUBLIC_API_KEY: "env-pub", MONGODB_ATLAS_PRIVATE_API_KEY: "env-priv" };
    expect(resolveConnectionSettings(config({ "mongodbatlas:publicKey": "cfg-pub" }), env).credentials).toEqual({
      kind: "api-key",
      publicKey: "cfg-pub",
      privateKey: "env-priv",
    });
    const all = config({
      "mongodbatlas:clientId": "id",
      "mongodbatlas:clientSecret": "secret",
      "mongodbatlas:accessToken": "token",
    });
    expect(resolveConnectionSettings(all, env).credentials).toEqual({ kind: "access-token", accessToken: "token" });
  });

  it("names both halves of an incomplete pair", () => {
    expect(() => resolveConnectionSettings(config({ "mongodbatlas:clientId": "id" }), {})).toThrow(
      /mongodbatlas:clientId and mongodbatlas:clientSecret/,
    );
  });

  it("uses Atlas for Government's URL when asked, and our own key for the API version", () => {
    const settings = resolveConnectionSettings(
      config({ "mongodbatlas:isMongodbgovCloud": "true", "atlasPrivateEndpoint:apiVersion": "v2" }),
      { MONGODB_ATLAS_ACCESS_TOKEN: "t" },
    );
    expect(settings.baseUrl).toBe("https://cloud.mongodbgov.com");
    expect(settings.apiVersion).toBe("v2");
  });

  it("rejects an unknown API version with the values it accepts", () => {
    expect(() =>
      resolveConnectionSettings(config({ "atlasPrivateEndpoint:apiVersion": "v3" }), {
        MONGODB_ATLAS_ACCESS_TOKEN: "t",
      }),
    ).toThrow(/atlasPrivateEndpoint:apiVersion.*"v3"; set it to "v1.0" or "v2"/);
  });
});
