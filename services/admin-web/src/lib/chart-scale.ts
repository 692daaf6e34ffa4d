// Scales of the dashboard's SVG charts. Pure: the components only draw what these compute.

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^k) at or above `max`; 1 for nothing to show. */
export function niceCeiling(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= max - magnitude * 1e-9) return Number(candidate.toPrecision(12));
  }
  return 10 * magnitude;
}

/** `count + 1` evenly spaced ticks from 0 to `top` (inclusive). Whole numbers stay whole when `top` allows. */
export function ticks(top: number, count = 4): number[] {
  if (top <= 0 || count <= 0) return [0];
  const step = top / count;
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Maps 0..domainMax to 0..rangeMax, clamped; 0 when the domain is empty. */
export function scaleLinear(domainMax: number, rangeMax: number): (value: number) => number {
  return (value) => {
    if (!(domainMax > 0) || !Number.isFinite(value)) return 0;
    return Math.min(rangeMax, Math.max(0, (value / domainMax) * rangeMax));
  };
}

/** Share of deadlines met among those that stopped: onTime / (onTime + late); null when none stopped. */
export function complianceRatio(onTime: number, late: number): number | null {
  const stopped = onTime + late;
  return stopped > 0 ? onTime / stopped : null;
}

/** The widths of the on-time and late parts of a stacked bar, whole pixels that add up to the total's width. */
export function stackedWidths(onTime: number, late: number, domainMax: number, rangeMax: number): { onTime: number; late: number } {
  const scale = scaleLinear(domainMax, rangeMax);
  const total = Math.round(scale(onTime + late));
  const first = Math.min(total, Math.round(scale(onTime)));
  return { onTime: first, late: total - first };
}
