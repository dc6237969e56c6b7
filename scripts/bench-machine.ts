import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { MachineInfo } from './bench-delivery-report';

/** The machine a benchmark ran on, as its report names it. */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    platform: `${platform()} ${release()} ${arch()}`,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpus: cores.length,
    totalMemoryBytes: totalmem(),
    node: process.version,
  };
}
