import type { WorkloadResult } from '../backends.js';
import type { LayerGroup } from '../layer.js';
import { formatRatio, formatTime } from './format.js';

export interface TableData {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly right: readonly boolean[];
}

/** One workload: median time per run, spread (MAD as % of median), samples, ratio to the baseline. */
export function workloadTable(w: WorkloadResult): TableData {
  const rows = w.rows.map((r) => {
    const label = r.size === w.size ? r.label : `${r.label} (size ${r.size})`;
    if (r.status !== 'ok' || !r.summary) {
      const word = r.status === 'wrong' ? 'WRONG' : r.status;
      return [label, '', '', '', '', `${word}: ${r.detail ?? ''}`];
    }
    const s = r.summary;
    return [label, formatTime(s.median), spread(s.mad, s.median, s.n), String(s.n), formatRatio(r.ratio), ''];
  });
  return { header: ['contender', 'median/run', 'spread', 'n', 'vs raw', 'status'], rows, right: [false, true, true, true, true, false] };
}

/** One layer group: time per call, ratio to raw, the target and whether it is met. */
export function layerTable(g: LayerGroup): TableData {
  const rows = g.rows.map((r) => {
    const target = r.target === undefined ? '' : `<= ${r.target.toFixed(2)}x`;
    if (r.status !== 'ok' || !r.summary) return [r.label, '', '', '', target, `${r.status === 'wrong' ? 'WRONG' : r.status}: ${r.detail ?? ''}`];
    const s = r.summary;
    const verdict = r.meetsTarget === undefined ? '' : r.meetsTarget ? 'meets target' : 'MISSES target';
    return [r.label, formatTime(s.median), spread(s.mad, s.median, s.n), formatRatio(r.ratio), target, verdict];
  });
  return { header: ['call path', 'median/call', 'spread', 'vs raw', 'target', ''], rows, right: [false, true, true, true, true, false] };
}

function spread(mad: number, median: number, n: number): string {
  return n < 2 || median === 0 ? '' : `±${((mad / median) * 100).toFixed(1)}%`;
}
