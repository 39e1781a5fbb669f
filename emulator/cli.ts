#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { CLI_USAGE, CliUsageError, parseCliArgs } from "./cli-args";
import { startEmulator, type RunningEmulator } from "./start-emulator";

/** Runs the emulator until SIGINT/SIGTERM; exit status 2 for a bad command line or bad options. */
async function main(argv: readonly string[]): Promise<void> {
  let emulator: RunningEmulator;
  try {
    const request = parseCliArgs(argv, (path) => readFileSync(path, "utf8"));
    if (request.kind === "help") {
      process.stdout.write(CLI_USAGE);
      return;
    }
    emulator = await startEmulator(request.options);
  } catch (error) {
    // Option errors (ours, or the resolver's TypeError/RangeError) are the user's to fix: say so, exit 2.
    if (error instanceof CliUsageError || error instanceof TypeError || error instanceof RangeError) {
      process.stderr.write(`atlas-emulator: ${error.message}\nRun "atlas-emulator --help" for the options.\n`);
      process.exit(2);
    }
    process.stderr.write(`atlas-emulator: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  // Tools wait for this exact first line to learn the port.
  process.stdout.write(`Atlas emulator listening on ${emulator.baseUrl}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main(process.argv.slice(2));
