import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** The repository's copies of Atlas facts (recorded answers, OpenAPI extracts, provisioning times). */
export const ATLAS_DATA = path.resolve(__dirname, "../../../data/atlas");

/** A path in `data/atlas/`; throws (so the test fails, never skips) when it is missing. */
export function atlasDataFile(...parts: string[]): string {
  const file = path.join(ATLAS_DATA, ...parts);
  if (!existsSync(file)) throw new Error(`missing data file ${file}: data/atlas/SOURCE.md lists what is there`);
  return file;
}

/** One recorded HTTP answer (`.snaphost`: status line, headers, blank line, body). */
export interface RecordedAnswer {
  readonly file: string;
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Parses a `.snaphost` file. */
export function readSnaphost(file: string): RecordedAnswer {
  const text = readFileSync(file, "utf8").replace(/\r\n/g, "\n");
  const split = text.indexOf("\n\n");
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? "" : text.slice(split + 2);
  const [statusLine = "", ...lines] = head.split("\n");
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { file, status, headers, body };
}

/** Every `.snaphost` file under `dir` (recursively), sorted by path. */
export function snaphostFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...snaphostFiles(full));
    else if (entry.name.endsWith(".snaphost")) found.push(full);
  }
  return found.sort();
}
