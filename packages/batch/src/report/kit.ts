// The pieces of Visit's HTML reports (`visit screen --report`, `visit diff --format html`): a page
// shell (one self-contained file: inline CSS, no script, a Content-Security-Policy that lets
// nothing load, an A4 print stylesheet), counts as shown after suppression, tables, and small
// hand-written SVG bar charts. Browser-safe and DOM-free: every piece returns a string, and every
// text that comes from outside (rule names, labels, band labels) goes through `escapeHtml`.

import type { Count } from './suppress';

export type Lang = 'da' | 'en';

/** The policy every report carries: nothing is fetched, no script runs; inline styles only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Text as HTML text or an attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A whole number as the language writes it: 12.345 (da), 12,345 (en). */
export function formatNumber(n: number, lang: Lang): string {
  const s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
  return n < 0 ? `−${s}` : s;
}

/** A share as a whole percentage: 12 % (da), 12% (en). */
export function formatPercent(share: number, lang: Lang): string {
  const p = Math.round(share * 100);
  return lang === 'da' ? `${p} %` : `${p}%`;
}

/** The marker of a count below 5, and of one withheld so that such a count cannot be worked out. */
export const SMALL_MARK = '< 5';
export const WITHHELD_MARK = 'x';

/** A count as text: its number, "< 5" or "x". */
export function countText(c: Count, lang: Lang): string {
  return c.shown === 'shown' ? formatNumber(c.value, lang) : c.shown === 'small' ? SMALL_MARK : WITHHELD_MARK;
}

/** A count as a table cell (`<td class="num">`), hidden ones marked with a class. */
export function countCell(c: Count, lang: Lang): string {
  const cls = c.shown === 'shown' ? 'num' : `num hidden ${c.shown}`;
  return `<td class="${cls}">${escapeHtml(countText(c, lang))}</td>`;
}

/** The share `part / whole` when both are shown and the whole is not 0, else undefined. */
export function shownShare(part: Count, whole: Count): number | undefined {
  return part.shown === 'shown' && whole.shown === 'shown' && whole.value > 0 ? part.value / whole.value : undefined;
}

/** A table: header cells (text) and rows of ready cells (HTML from `countCell`, `textCell`). */
export function table(head: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  const th = head.map((h, i) => `<th${i === 0 ? ' class="name"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** A text cell (escaped). */
export function textCell(text: string, cls = 'name'): string {
  return `<td class="${cls}">${escapeHtml(text)}</td>`;
}

/** The colours of the three outcomes (distinguishable in grey print and by most colour-blind readers). */
export const TONES = {
  eligible: '#1f6fb2',
  ineligible: '#e08a2c',
  undetermined: '#b9b9b9',
  other: '#6a4c93',
} as const;
export type Tone = keyof typeof TONES;

/** A piece of a stacked bar: its count (hidden ones are drawn together, hatched). */
export interface BarSegment {
  count: Count;
  tone: Tone;
  /** Its name in the legend and the tooltip ("eligible"). */
  name: string;
}

/** One bar of a chart: a label left, the segments (shares of `total`), a caption right. */
export interface StackedBar {
  label: string;
  total: Count;
  segments: readonly BarSegment[];
  /** Right of the bar ("62% eligible"); default: nothing. */
  caption?: string;
  /** A mark left of the label (e.g. "!" for a band with a note). */
  flag?: string;
}

const LABEL_W = 190;
const BAR_W = 380;
const CAPTION_W = 150;
const ROW_H = 22;

/**
 * Horizontal 100 % bars, one per row, as inline SVG: each shown segment in its outcome's colour,
 * the hidden ones together as one hatched piece (their sum is known from the shown ones anyway);
 * a bar whose total is hidden is drawn as an empty frame. Each bar has a `<title>` with its counts.
 */
export function stackedBars(bars: readonly StackedBar[], options: { title: string; lang: Lang }): string {
  const { lang } = options;
  const width = LABEL_W + BAR_W + CAPTION_W;
  const height = bars.length * ROW_H + 4;
  const out: string[] = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
  ];
  bars.forEach((bar, i) => {
    const y = 2 + i * ROW_H;
    const label = bar.flag ? `${bar.flag} ${bar.label}` : bar.label;
    out.push(`<g class="bar-row">`);
    out.push(`<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="bar-label">${escapeHtml(clip(label, 30))}</text>`);
    const tip = `${bar.label}: ${[...bar.segments.map((s) => `${s.name} ${countText(s.count, lang)}`), `= ${countText(bar.total, lang)}`].join(', ')}`;
    if (bar.total.shown !== 'shown' || bar.total.value === 0) {
      out.push(`<rect class="bar empty" x="${LABEL_W}" y="${y + 3}" width="${BAR_W}" height="${ROW_H - 6}" fill="none" stroke="#999" stroke-dasharray="3 3"><title>${escapeHtml(tip)}</title></rect>`);
    } else {
      let x = LABEL_W;
      let hiddenValue = 0;
      for (const s of bar.segments) {
        if (s.count.shown !== 'shown') {
          hiddenValue += s.count.value;
          continue;
        }
        const w = (s.count.value / bar.total.value) * BAR_W;
        if (w > 0) out.push(`<rect class="bar ${s.tone}" x="${fix(x)}" y="${y + 3}" width="${fix(w)}" height="${ROW_H - 6}" fill="${TONES[s.tone]}"><title>${escapeHtml(tip)}</title></rect>`);
        x += w;
      }
      if (hiddenValue > 0) {
        const w = LABEL_W + BAR_W - x;
        out.push(`<rect class="bar hidden" x="${fix(x)}" y="${y + 3}" width="${fix(w)}" height="${ROW_H - 6}" fill="url(#visit-hatch)" stroke="#888" stroke-width="0.5"><title>${escapeHtml(tip)}</title></rect>`);
      }
    }
    if (bar.caption) out.push(`<text x="${LABEL_W + BAR_W + 8}" y="${y + 15}" class="bar-caption">${escapeHtml(bar.caption)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

/** One bar of a `countBars` chart. */
export interface CountBar {
  label: string;
  count: Count;
}

/**
 * Horizontal bars of counts against the largest shown one (e.g. how often each line failed):
 * a hidden count has no bar, only its marker.
 */
export function countBars(bars: readonly CountBar[], options: { title: string; lang: Lang; tone?: Tone }): string {
  const { lang } = options;
  const tone = options.tone ?? 'ineligible';
  const max = Math.max(1, ...bars.map((b) => (b.count.shown === 'shown' ? b.count.value : 0)));
  const width = LABEL_W + BAR_W + CAPTION_W;
  const height = bars.length * ROW_H + 4;
  const out: string[] = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<title>${escapeHtml(options.title)}</title>`,
  ];
  bars.forEach((bar, i) => {
    const y = 2 + i * ROW_H;
    out.push(`<g class="bar-row">`);
    out.push(`<text x="${LABEL_W - 8}" y="${y + 15}" text-anchor="end" class="bar-label">${escapeHtml(clip(bar.label, 30))}</text>`);
    const w = bar.count.shown === 'shown' ? (bar.count.value / max) * BAR_W : 0;
    if (w > 0) out.push(`<rect class="bar ${tone}" x="${LABEL_W}" y="${y + 3}" width="${fix(w)}" height="${ROW_H - 6}" fill="${TONES[tone]}"><title>${escapeHtml(`${bar.label}: ${countText(bar.count, lang)}`)}</title></rect>`);
    out.push(`<text x="${fix(LABEL_W + w + 6)}" y="${y + 15}" class="bar-caption">${escapeHtml(countText(bar.count, lang))}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

/** A legend of tones (HTML). */
export function legend(items: readonly { tone: Tone | 'hidden'; name: string }[]): string {
  const swatch = (tone: Tone | 'hidden') =>
    tone === 'hidden'
      ? `<svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="url(#visit-hatch)" stroke="#888" stroke-width="0.5"/></svg>`
      : `<svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${TONES[tone]}"/></svg>`;
  return `<p class="legend">${items.map((i) => `<span>${swatch(i.tone)} ${escapeHtml(i.name)}</span>`).join(' ')}</p>`;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function fix(n: number): string {
  return String(Math.round(n * 10) / 10);
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d1d1d; margin: 0 auto; padding: 24px; max-width: 900px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 3px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.meta { color: #555; margin: 0 0 4px; }
table { border-collapse: collapse; margin: 6px 0 10px; }
caption { text-align: left; color: #555; font-size: 12px; padding-bottom: 3px; }
th, td { padding: 3px 10px 3px 0; text-align: right; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
th { font-weight: 600; border-bottom: 1px solid #999; }
th.name, td.name { text-align: left; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
td.hidden { color: #777; }
td.code, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
td.code { text-align: left; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px 0 8px; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1d1d1d; }
p.legend { font-size: 12px; color: #444; margin: 2px 0; }
p.legend span { margin-right: 14px; white-space: nowrap; }
p.legend svg { vertical-align: -2px; }
.note { background: #fff6e0; border-left: 4px solid #e08a2c; padding: 6px 10px; margin: 6px 0; }
.rule { font-size: 12.5px; color: #444; }
section { margin-bottom: 10px; }
footer { margin-top: 30px; font-size: 12px; color: #666; border-top: 1px solid #ccc; padding-top: 6px; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  body { font-size: 10pt; padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  section, table, svg.chart, .note { break-inside: avoid; }
}
`;

/**
 * A whole report page: `<!doctype html>`, the CSP, the title, the stylesheet (plus `css`), the
 * shared SVG definitions (the hatching of hidden counts), the body as given. No script.
 */
export function pageShell(page: { title: string; lang: Lang; body: string; css?: string }): string {
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}${page.css ?? ''}</style>
</head>
<body>
<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><pattern id="visit-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#999" stroke-width="2"/></pattern></defs></svg>
${page.body}
</body>
</html>
`;
}
