import fs from 'node:fs';
import os from 'node:os';

/** Sets the calling thread's own nice value (Linux: a thread's nice value is its own, and /proc/thread-self names its task id). */
function setOwnNiceness(niceness: number): boolean {
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

/**
 * Lowers the CPU priority of the calling thread only, so heavy work — lists, fits, the integrity
 * check, backups, imports — yields the cores to the counter's threads when both want them.
 * Elsewhere, and when the system refuses, nothing changes: the lanes already keep the counter from
 * queueing behind it.
 */
export function yieldCpuToCounter(niceness = 10): boolean {
  return setOwnNiceness(niceness);
}

/**
 * Back to the normal priority for work the counter waits on: an import's flip holds the write lock,
 * and a sale waiting for it must not also wait for the flip to get the CPU from the counter's own
 * searches (on the bench, a 5.7 s flip held the lock 9.7 s at nice 10). Raising a priority again
 * needs root, CAP_SYS_NICE or a nice limit (RLIMIT_NICE) that allows it; otherwise the thread stays
 * as it is.
 */
export function stopYieldingCpu(): boolean {
  return setOwnNiceness(0);
}
