import * as os from "node:os";

/** The machine a benchmark ran on, so figures from different machines are not compared blindly. */
export interface MachineDescription {
  /** CPU model as the kernel names it (`os.cpus()[0].model`), or `unknown`. */
  cpuModel: string;
  /** Logical cores the process can see. */
  cores: number;
  /** Total memory in GiB, to one decimal. */
  memoryGiB: number;
  /** `process.version`, e.g. `v20.20.2`. */
  node: string;
  /** Operating system: type, release and architecture, e.g. `Linux 6.8.0 x64`. */
  os: string;
}

/** Describes the machine this process runs on. */
export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() || "unknown",
    cores: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** One line for reports: `AMD EPYC, 2 cores, 23.4 GiB, Node v20.20.2, Linux 6.8.0 x64`. */
export function formatMachine(machine: MachineDescription): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`;
}
