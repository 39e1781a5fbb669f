import path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { control, type EmulatorControl } from "../support/emulator-control";
import { atlasClient, type AtlasAnswer } from "./helpers/atlas-client";
import { fakeClock } from "./helpers/fake-clock";
import { readSnaphost, atlasDataFile, snaphostFiles, type RecordedAnswer } from "./helpers/recorded";
import { FIELD_FORMATS, jsonType } from "./helpers/service-shapes";

const RUN = "recorded/atlas-cli-e2e/2026-08-10_head-8ddea41";
const clock = fakeClock();
let emulator: RunningEmulator;
let ctl: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator({ now: clock.now, provisionSeconds: 60, deletingSeconds: 5 });
  ctl = control(emulator.baseUrl);
});
afterAll(() => emulator.close());
beforeEach(() => ctl.reset());

/** The kinds of call the Atlas CLI's test makes, by the folder its answers were recorded in. */
type Kind = "Create" | "Watch" | "Describe" | "List" | "Delete";

/** The recorded answers of one test, by kind (the Watch answers in poll order). */
function recordedAnswers(test: string): Map<Kind, RecordedAnswer[]> {
  const byKind = new Map<Kind, RecordedAnswer[]>();
  for (const file of snaphostFiles(atlasDataFile(RUN, test))) {
    const kind = path.basename(path.dirname(file)) as Kind;
    if (!["Create", "Watch", "Describe", "List", "Delete"].includes(kind)) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), readSnaphost(file)]);
  }
  return byKind;
}

/** The same calls against the emulator: create, a poll while INITIATING and one once AVAILABLE, describe, list, delete. */
async function emulatorAnswers(providerName: string, region: string): Promise<Map<Kind, AtlasAnswer[]>> {
  const atlas = atlasClient(emulator.baseUrl);
  const created = await atlas.create({ providerName, region });
  const id = created.service.id;
  const initiating = await atlas.get(providerName, id);
  clock.advance(60_000);
  const available = await atlas.get(providerName, id);
  return new Map<Kind, AtlasAnswer[]>([
    ["Create", [created]],
    ["Watch", [initiating, available]],
    ["Describe", [await atlas.get(providerName, id)]],
    ["List", [await atlas.list(providerName)]],
    ["Delete", [await atlas.remove(providerName, id)]],
  ]);
}

/** Asserts that `actual` has the shape of `recorded`: same keys in the same order, same value types and formats. */
function expectSameShape(actual: unknown, recorded: unknown, where: string): void {
  expect({ where, type: jsonType(actual) }).toEqual({ where, type: jsonType(recorded) });
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    const sample: unknown = recorded[0] ?? actual[0];
    for (const [i, item] of actual.entries()) expectSameShape(item, sample, `${where}[${i}]`);
    return;
  }
  if (jsonType(recorded) !== "object") return;
  const r = recorded as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  expect({ where, keys: Object.keys(a) }).toEqual({ where, keys: Object.keys(r) });
  for (const key of Object.keys(r)) {
    const format = FIELD_FORMATS[key];
    expectFormat(r[key], format, `${where}.${key} (recorded)`);
    expectFormat(a[key], format, `${where}.${key}`);
    // Empty arrays on one side say nothing about item types; compare items only where both have them.
    if (
      Array.isArray(r[key]) &&
      Array.isArray(a[key]) &&
      ((r[key] as unknown[]).length === 0 || (a[key] as unknown[]).length === 0)
    )
      continue;
    expectSameShape(a[key], r[key], `${where}.${key}`);
  }
}

function expectFormat(value: unknown, format: RegExp | undefined, where: string): void {
  if (format === undefined) return;
  const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
  for (const s of strings)
    expect({ where, value: s, matches: format.test(s) }).toEqual({ where, value: s, matches: true });
}

describe.each([
  ["TestPrivateEndpointsAWS", "AWS", "eu-west-1"],
  ["TestPrivateEndpointsAzure", "AZURE", "ASIA_SOUTH_EAST"],
  ["TestPrivateEndpointsGCP", "GCP", "US_EAST_4"],
])("%s: the emulator answers like the recorded Atlas", (test, providerName, region) => {
  const recorded = recordedAnswers(test);

  it("has recorded answers of every kind to compare with", () => {
    expect([...recorded.keys()].sort()).toEqual(["Create", "Delete", "Describe", "List", "Watch"]);
  });

  it.each(["Create", "Watch", "Describe", "List", "Delete"] as const)(
    "%s: same status, Content-Type, rate-limit headers, key order, value types and formats",
    async (kind) => {
      const ours = (await emulatorAnswers(providerName, region)).get(kind) ?? [];
      for (const record of recorded.get(kind) ?? []) {
        const body: unknown = JSON.parse(record.body);
        // Watch answers are matched by status (the recorder keeps one answer per distinct body).
        const status = (body as { status?: string }).status;
        const answer = ours.find((a) => kind !== "Watch" || a.service.status === status);
        if (answer === undefined) throw new Error(`no emulator answer for ${record.file}`);
        const where = path.relative(atlasDataFile(RUN), record.file);
        expect({ where, status: answer.status }).toEqual({ where, status: record.status });
        expect(answer.headers.get("content-type")).toBe(record.headers["content-type"]);
        expect(answer.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
        expect(answer.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
        expectSameShape(answer.json, body, where);
        if (kind !== "Delete" && kind !== "List")
          expect(answer.service.regionName).toBe((body as { regionName: string }).regionName);
      }
    },
  );
});

describe("recorded error answers", () => {
  it("GROUP_NOT_FOUND has the recorded status, headers, key order and wording", async () => {
    const record = readSnaphost(
      atlasDataFile(
        RUN,
        "other-endpoints-errors/TestSetupFailureFlow/Invalid_Project_ID/POST_api_atlas_v2_groups_111111111111111111111111_databaseUsers_2.snaphost",
      ),
    );
    const answer = await atlasClient(emulator.baseUrl, { projectId: "111111111111111111111111" }).list("AWS");
    expect(answer.status).toBe(record.status);
    expect(answer.headers.get("content-type")).toBe(record.headers["content-type"]);
    expect(answer.headers.get("x-error-code")).toBe(record.headers["x-error-code"]);
    expect(answer.text).toBe(record.body);
  });

  it.each([
    ["TestOnlineArchives/Watch", 404],
    ["TestOnlineArchives/Pause", 409],
    ["TestExportJobs/Watch_snapshot_creation", 400],
  ])("every Atlas error body has the recorded key order (%s)", async (folder, status) => {
    const [file] = snaphostFiles(atlasDataFile(RUN, "other-endpoints-errors", folder));
    const record = readSnaphost(file!);
    expect(record.status).toBe(status);
    const ours = await atlasClient(emulator.baseUrl).get("AWS", "0123456789abcdef01234568");
    expect(Object.keys(ours.error)).toEqual(Object.keys(JSON.parse(record.body) as object));
    expect(ours.headers.get("content-type")).toBe(record.headers["content-type"]);
  });
});
