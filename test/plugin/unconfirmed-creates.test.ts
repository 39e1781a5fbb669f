/**
 * A create POST whose connection broke, and that Atlas completes a moment later (after the provider looked), through
 * the real dynamic-provider plugin: nothing is lost. The registration is recorded under its id, known before the POST;
 * the service, whose id Atlas chooses, is recorded as an unconfirmed create and taken back by its creation time.
 */
import {
  PATH,
  PROJECT,
  VPCE,
  atlasClient,
  callsOf,
  failureOf,
  linkInputs,
  outputMatches,
  readyService,
  serviceInputs,
  usePluginBench,
} from "./plugin-harness";

/** The emulator's clock runs this far from ours (Atlas' clock is not ours). */
let emulatorSkewMs = 0;
const bench = usePluginBench({ now: () => Date.now() + emulatorSkewMs });

beforeEach(() => {
  emulatorSkewMs = 0;
});

describe("a registration's POST that lands after the provider looked", () => {
  async function awsLinkInputs(region: string) {
    const privateLinkId = await readyService(bench.plugin, "AWS", region);
    const inputs = await linkInputs(bench.plugin, { providerName: "AWS", privateLinkId, endpointServiceId: VPCE });
    await bench.ctl.clearRequests();
    return inputs;
  }

  it("is recorded as an unfinished create, and the next up resumes it without a second POST", async () => {
    const inputs = await awsLinkInputs("us-east-1");
    await bench.ctl.addFault({ method: "POST", path: PATH.register.source, landsAfter: 1 });
    const error = await failureOf(bench.plugin.create(inputs));
    const partial = error.partial!;
    expect(partial.id).toBe(`${String(inputs["privateLinkId"])}:${VPCE}`);
    expect(partial.properties).toMatchObject({ unfinishedCreate: true, awsConnectionStatus: null });
    // The look-up saw a 404; the POST landed right after it.
    expect(callsOf(await bench.ctl.requests(), "GET", PATH.registration).map((r) => r.status)).toEqual([404]);
    expect((await bench.ctl.registrations()).map((r) => r.endpointId)).toEqual([VPCE]);

    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    expect(resumed.properties).toMatchObject({ awsConnectionStatus: "AVAILABLE", unfinishedCreate: false });
    expect(callsOf(await bench.ctl.requests(), "POST", PATH.register).map((r) => r.status)).toEqual([0]);
  });

  it("is taken back without adoptExisting when it lands just before the next up's POST (409)", async () => {
    const inputs = await awsLinkInputs("us-west-2");
    await bench.ctl.addFault({ method: "POST", path: PATH.register.source, landsAfter: 2 });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    expect(await bench.ctl.registrations()).toEqual([]);
    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    expect(resumed.properties).toMatchObject({ awsConnectionStatus: "AVAILABLE", unfinishedCreate: false });
    expect(callsOf(await bench.ctl.requests(), "POST", PATH.register).map((r) => r.status)).toEqual([0, 409]);
    await outputMatches(bench.plugin, /taking it back/);
    expect(await bench.ctl.registrations()).toHaveLength(1);
  });
});

describe("a service's POST that lands after the provider looked", () => {
  it("is recorded as an unconfirmed create; the next up takes it back, and refresh and destroy find it", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "eu-west-1");
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, landsAfter: 1 });
    const error = await failureOf(bench.plugin.create(inputs));
    const partial = error.partial!;
    expect(partial.id).toMatch(/^unconfirmed-create-/);
    expect(partial.properties).toMatchObject({ unfinishedCreate: true, privateLinkId: "", regionName: "EU_WEST_1" });
    expect(String(partial.properties["unconfirmedCreate"])).toMatch(/^\d{4}-.*Z\/\d{4}-.*Z$/);
    expect(partial.reasons.join(" ")).toMatch(/no new endpoint service.*recorded in state.*takes back/);
    const [landed] = await bench.ctl.services();
    expect(landed?.regionName).toBe("EU_WEST_1");

    expect((await bench.plugin.diff(partial.id, partial.properties, inputs)).changes).toBe("some");
    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    expect(resumed.properties).toMatchObject({
      privateLinkId: landed?.id,
      status: "AVAILABLE",
      unfinishedCreate: false,
      unconfirmedCreate: null,
    });
    expect(callsOf(await bench.ctl.requests(), "POST", PATH.serviceCreate).map((r) => r.status)).toEqual([0]);
    await outputMatches(bench.plugin, new RegExp(`taking back endpoint service ${String(landed?.id)}`));

    // A refresh records Atlas' id as the resource's id; a destroy deletes that service.
    const read = await bench.plugin.read(partial.id, resumed.properties);
    expect(read.id).toBe(landed?.id);
    await bench.plugin.delete(partial.id, resumed.properties);
    expect(await bench.ctl.services()).toEqual([]);
  });

  it("is recorded as unconfirmed when looking for it fails too", async () => {
    const inputs = await serviceInputs(bench.plugin, "AZURE", "westeurope");
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, landsAfter: 1 });
    await bench.ctl.addFault({
      method: "GET",
      path: PATH.serviceList.source,
      // Answered after Atlas' checks, so a digest challenge does not count as the list before the POST.
      act: true,
      skip: 1,
      status: 403,
      errorCode: "USER_UNAUTHORIZED",
    });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    expect(partial.reasons.join(" ")).toMatch(/looking for it failed too \(Atlas answered 403 USER_UNAUTHORIZED/);
    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    expect(resumed.properties["privateLinkId"]).toBe((await bench.ctl.services())[0]?.id);
  });

  it("is taken back when Atlas' clock runs minutes behind ours", async () => {
    emulatorSkewMs = -4 * 60_000;
    const inputs = await serviceInputs(bench.plugin, "GCP", "us-central1");
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, landsAfter: 1 });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    expect(resumed.properties["privateLinkId"]).toBe((await bench.ctl.services())[0]?.id);
  });

  it("is taken back when it lands just before the next up's POST (409)", async () => {
    const inputs = await serviceInputs(bench.plugin, "AZURE", "eastus2");
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, landsAfter: 2 });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    expect(await bench.ctl.services()).toEqual([]);
    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    const [landed] = await bench.ctl.services();
    expect(resumed.properties).toMatchObject({ privateLinkId: landed?.id, status: "AVAILABLE" });
    expect(callsOf(await bench.ctl.requests(), "POST", PATH.serviceCreate).map((r) => r.status)).toEqual([0, 409]);
  });

  it("creates the service on the next up when the request never reached Atlas", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "us-east-2");
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, drop: "before" });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    expect(await bench.ctl.services()).toEqual([]);
    const resumed = await bench.plugin.update(partial.id, partial.properties, inputs);
    const [made] = await bench.ctl.services();
    expect(resumed.properties).toMatchObject({ privateLinkId: made?.id, status: "AVAILABLE", unfinishedCreate: false });
  });

  it("leaves a service made after the window to adoptExisting, and a refresh with nothing found drops the record", async () => {
    const inputs = await serviceInputs(bench.plugin, "AWS", "ap-south-1");
    await bench.ctl.addFault({ method: "POST", path: PATH.serviceCreate.source, drop: "before" });
    const partial = (await failureOf(bench.plugin.create(inputs))).partial!;
    expect((await bench.plugin.read(partial.id, partial.properties)).id).toBe("");

    // Someone else creates one there an hour later (by Atlas' clock).
    emulatorSkewMs = 60 * 60_000;
    const foreign = await atlasClient(bench.emulator).createEndpointService(PROJECT, {
      providerName: "AWS",
      region: "AP_SOUTH_1",
    });
    const refused = await failureOf(bench.plugin.update(partial.id, partial.properties, inputs));
    expect(refused.message).toMatch(
      new RegExp(`${foreign.id}.*created .* after the unconfirmed request.*not taken back.*adoptExisting: true`),
    );
    const adopted = await bench.plugin.update(
      partial.id,
      partial.properties,
      await serviceInputs(bench.plugin, "AWS", "ap-south-1", { adoptExisting: true }),
    );
    expect(adopted.properties["privateLinkId"]).toBe(foreign.id);
  });
});
