/**
 * An SVG line chart of one scenario: instances Running over time (for a destroy: instances not
 * yet gone), ours against the baseline at each parallelism, with the lower bounds marked.
 */
export interface ChartInput {
  title: string;
  yLabel: string;
  /** The instances the operation is about (the y axis goes to it). */
  total: number;
  /** The lower bound of each parallelism, e.g. "bound at 8". */
  bounds: Array<{ label: string; ms: number }>;
  series: Array<{ label: string; color: string; points: Array<[number, number]>; endMs: number }>;
}

const W = 720;
const H = 360;
const M = { left: 56, right: 20, top: 56, bottom: 48 };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** 1, 2, 5 x 10^n: a step giving about `n` ticks over `max`. */
function step(max: number, n = 6): number {
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

export function chartSvg(c: ChartInput): string {
  // 5% room on the right for the end markers.
  const maxT = (Math.max(...c.bounds.map((b) => b.ms), ...c.series.map((s) => s.endMs), 1) / 1000) * 1.05;
  const maxY = Math.max(c.total, ...c.series.flatMap((s) => s.points.map((p) => p[1])), 1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (sec: number) => M.left + (sec / maxT) * pw;
  const y = (n: number) => M.top + ph - (n / maxY) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(c.title)}</text>`,
  );
  const xs = step(maxT);
  for (let t = 0; t <= maxT + 1e-9; t += xs) {
    out.push(
      `<line x1="${x(t).toFixed(1)}" y1="${M.top}" x2="${x(t).toFixed(1)}" y2="${M.top + ph}" stroke="#eee"/>`,
      `<text x="${x(t).toFixed(1)}" y="${M.top + ph + 16}" text-anchor="middle">${+t.toFixed(1)}</text>`,
    );
  }
  const ys = Math.max(1, step(maxY, 5));
  for (let n = 0; n <= maxY; n += ys) {
    out.push(
      `<line x1="${M.left}" y1="${y(n).toFixed(1)}" x2="${M.left + pw}" y2="${y(n).toFixed(1)}" stroke="#eee"/>`,
      `<text x="${M.left - 6}" y="${(y(n) + 4).toFixed(1)}" text-anchor="end">${n}</text>`,
    );
  }
  out.push(
    `<line x1="${M.left}" y1="${M.top + ph}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="#333"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + ph}" stroke="#333"/>`,
    `<text x="${M.left + pw / 2}" y="${H - 10}" text-anchor="middle">seconds</text>`,
    `<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(c.yLabel)}</text>`,
  );
  c.bounds.forEach((b, j) => {
    const lb = b.ms / 1000;
    const text = `${b.label} ${lb.toFixed(1)} s`;
    out.push(
      `<line x1="${x(lb).toFixed(1)}" y1="${M.top}" x2="${x(lb).toFixed(1)}" y2="${M.top + ph}" stroke="#888" stroke-dasharray="4 3"/>`,
      x(lb) > M.left + pw * 0.7
        ? `<text x="${(x(lb) - 4).toFixed(1)}" y="${M.top + 12 + j * 14}" fill="#666" text-anchor="end">${esc(text)}</text>`
        : `<text x="${(x(lb) + 4).toFixed(1)}" y="${M.top + 12 + j * 14}" fill="#666">${esc(text)}</text>`,
    );
  });
  c.series.forEach((s, i) => {
    const pts = s.points.map(([t, n]) => `${x(t / 1000).toFixed(1)},${y(n).toFixed(1)}`).join(" ");
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts}"/>`,
      `<line x1="${x(s.endMs / 1000).toFixed(1)}" y1="${M.top}" x2="${x(s.endMs / 1000).toFixed(1)}" y2="${M.top + ph}" stroke="${s.color}" stroke-dasharray="2 3"/>`,
      `<rect x="${M.left + (i % 2) * (pw / 2)}" y="${29 + Math.floor(i / 2) * 14}" width="12" height="3" fill="${s.color}"/>`,
      `<text x="${M.left + 18 + (i % 2) * (pw / 2)}" y="${34 + Math.floor(i / 2) * 14}">${esc(s.label)}</text>`,
    );
  });
  out.push("</svg>", "");
  return out.join("\n");
}
