// Process figures from /proc (Linux): CPU seconds and memory of a process tree.
import { readdirSync, readFileSync } from 'node:fs';

function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Every living process under `pid` (children, grandchildren …), without `pid` itself. */
export function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(name);
    if (!fields) continue;
    const parent = Number(fields[1]);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(Number(name));
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    const kids = children.get(queue.shift()) ?? [];
    out.push(...kids);
    queue.push(...kids);
  }
  return out;
}

/** user + system CPU seconds of a process and of the children it has reaped (USER_HZ is 100 on Linux). */
export function cpuSeconds(pid, withReaped = true) {
  const f = statFields(pid);
  if (!f) return 0;
  const ticks = Number(f[11]) + Number(f[12]) + (withReaped ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / 100;
}

/** CPU seconds of a whole process tree, including processes that have exited and were reaped in it. */
export function treeCpuSeconds(pid) {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + cpuSeconds(p), 0);
}

function rollup(pid, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size (shared pages divided among their users) of a process tree, in KiB. */
export function treePssKb(pid) {
  return [pid, ...descendants(pid)].reduce((sum, p) => sum + rollup(p, 'Pss'), 0);
}

/** Resident set size of one process, in KiB. */
export function rssKb(pid) {
  return rollup(pid, 'Rss');
}
