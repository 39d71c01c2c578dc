import type { WorkloadResult } from '../backends.js';
import { formatRatio } from './format.js';

const PALETTE: Record<string, string> = {
  wasm: '#4b5563',
  'wrl-native': '#2563eb',
  'wrl-interp': '#16a34a',
  'wrl-interp-js': '#4ade80',
  'wrl-interp-fuel': '#86efac',
  'wrl-interp-js-fuel': '#bbf7d0',
  'wrl-wasm3': '#9333ea',
  polywasm: '#ea580c',
  webassemblyjs: '#db2777',
};
const FALLBACK_COLORS = ['#0891b2', '#65a30d', '#ca8a04', '#7c3aed', '#dc2626'];

const WIDTH = 960;
const LABEL_W = 190;
const PLOT_W = 600;
const ROW_H = 17;
const GROUP_GAP = 14;
const TOP = 70;

/**
 * A horizontal bar chart of time relative to the baseline, one group per
 * workload, on a log scale centred on 1x (bars grow right when slower,
 * left when faster). Non-timed outcomes are written out instead of a bar.
 */
export function renderChart(workloads: readonly WorkloadResult[], subtitle: string): string {
  const ratios = workloads.flatMap((w) => w.rows.map((r) => r.ratio).filter((r): r is number => r !== undefined && r > 0));
  const lo = Math.min(0, Math.floor(Math.log10(Math.min(1, ...ratios))));
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(1, ...ratios))));
  const x = (ratio: number) => LABEL_W + ((Math.log10(ratio) - lo) / (hi - lo)) * PLOT_W;

  const body: string[] = [];
  let y = TOP;
  const colorOf = colorAssigner();
  let capped = false;
  for (const w of workloads) {
    body.push(`<text x="8" y="${y + 12}" class="group">${esc(w.title)}<tspan class="note" dx="10">${esc(shorten(w.description, 110))}</tspan></text>`);
    y += ROW_H + 2;
    for (const r of w.rows) {
      if (r.kind === 'baseline' && r.size !== w.size) continue;
      const isCapped = r.size !== w.size;
      capped ||= isCapped;
      const label = `${r.label}${isCapped ? ' *' : ''}`;
      body.push(`<text x="${LABEL_W - 8}" y="${y + 12}" class="label" text-anchor="end">${esc(label)}</text>`);
      if (r.status === 'ok' && r.ratio !== undefined) {
        const x0 = x(1);
        const x1 = x(r.ratio);
        const left = Math.min(x0, x1);
        const width = Math.max(1.5, Math.abs(x1 - x0));
        body.push(`<rect x="${left.toFixed(1)}" y="${y + 2}" width="${width.toFixed(1)}" height="${ROW_H - 5}" fill="${colorOf(r.contender)}"/>`);
        const tx = r.ratio >= 1 ? x1 + 4 : x0 + 4;
        body.push(`<text x="${tx.toFixed(1)}" y="${y + 12}" class="value">${formatRatio(r.ratio)}</text>`);
      } else {
        const word = r.status === 'wrong' ? 'WRONG result' : r.status;
        body.push(`<text x="${(x(1) + 4).toFixed(1)}" y="${y + 12}" class="status ${r.status}">${esc(word)}</text>`);
      }
      y += ROW_H;
    }
    y += GROUP_GAP;
  }

  const axis: string[] = [];
  for (let p = lo; p <= hi; p++) {
    const gx = x(10 ** p).toFixed(1);
    axis.push(`<line x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${y - GROUP_GAP}" class="${p === 0 ? 'one' : 'grid'}"/>`);
    axis.push(`<text x="${gx}" y="${TOP - 10}" class="tick" text-anchor="middle">${p < 0 ? (10 ** p).toFixed(-p) : String(10 ** p)}x</text>`);
  }
  const foot: string[] = [];
  if (capped) {
    foot.push(`<text x="8" y="${y + 6}" class="note">* run at a smaller size (too slow for the full size); compared with the baseline at that same size.</text>`);
    y += 18;
  }
  const height = y + 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    '<style>',
    '.title{font-size:16px;font-weight:600}.sub{font-size:11px;fill:#4b5563}.group{font-size:13px;font-weight:600}',
    '.label{font-size:12px}.value{font-size:11px;fill:#111827}.tick{font-size:11px;fill:#4b5563}.note{font-size:11px;font-weight:400;fill:#6b7280}',
    '.grid{stroke:#e5e7eb}.one{stroke:#111827;stroke-width:1.2}.status{font-size:11px;font-weight:600;fill:#6b7280}.wrong,.crash{fill:#b91c1c}',
    '</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="22" class="title">Time relative to the host WebAssembly (log scale, lower is faster)</text>`,
    `<text x="8" y="40" class="sub">${esc(subtitle)}</text>`,
    ...axis,
    ...body,
    ...foot,
    '</svg>',
    '',
  ].join('\n');

  function colorAssigner() {
    let next = 0;
    const assigned = new Map<string, string>();
    return (id: string) => {
      let c = PALETTE[id] ?? assigned.get(id);
      if (!c) assigned.set(id, (c = FALLBACK_COLORS[next++ % FALLBACK_COLORS.length]!));
      return c;
    };
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
