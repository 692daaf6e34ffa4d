// Preloaded (`node -r`) into a process a benchmark starts: on exit, writes the process's peak RSS
// (MiB) and the CPU its threads used to the file BENCH_PEAK_RSS_FILE names.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');

/**
 * The peak RSS of this process alone, in KiB. Not `resourceUsage().maxRSS`: on Linux a spawned
 * process's maxrss starts at its parent's peak (the forked copy's high-water mark survives exec),
 * so a child of the bench, which holds the whole log in memory, reported the bench's peak.
 * VmHWM belongs to the exec'd image alone.
 */
function peakRssKiB() {
  try {
    return Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return process.resourceUsage().maxRSS;
  }
}
module.exports = { peakRssKiB };

process.on('exit', () => {
  const file = process.env['BENCH_PEAK_RSS_FILE'];
  const usage = process.resourceUsage();
  if (file) writeFileSync(file, JSON.stringify({ peakRssMiB: Math.round((peakRssKiB() / 1024) * 10) / 10, cpuSeconds: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e5) / 10 }));
});
