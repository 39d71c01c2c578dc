import type { WorkloadResult } from './backends.js';
import type { LayerResult } from './layer.js';

/** Wrong results and crashes of @wrl contenders: these fail the run (and CI). */
export function wrlFailures(workloads: readonly WorkloadResult[], layer: LayerResult | undefined): string[] {
  const out: string[] = [];
  for (const w of workloads) {
    for (const r of w.rows) if (r.kind === 'wrl' && (r.status === 'wrong' || r.status === 'crash')) out.push(`${w.id} on ${r.label}: ${r.status}: ${r.detail}`);
  }
  if (layer?.available) {
    for (const g of layer.groups) for (const r of g.rows) if (r.status === 'wrong' || r.status === 'crash') out.push(`layer ${g.id} ${r.label}: ${r.status}: ${r.detail}`);
  }
  return out;
}
