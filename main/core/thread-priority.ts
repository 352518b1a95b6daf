import fs from 'node:fs';
import os from 'node:os';

/**
 * Lowers the CPU priority of the calling thread only (Linux: a thread's nice value is its own, and
 * /proc/thread-self names its task id), so heavy work — lists, fits, the integrity check, backups,
 * imports — yields the cores to the counter's threads when both want them. Elsewhere, and when the
 * system refuses, nothing changes: the lanes already keep the counter from queueing behind it.
 */
export function yieldCpuToCounter(niceness = 10): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    os.setPriority(tid, niceness);
    return os.getPriority(tid) === niceness;
  } catch {
    return false;
  }
}
