// visit doc output is text, never markup taken from the file: labels, titles and texts with HTML or
// Markdown in them come out as the characters they are; the HTML page is self-contained (no script,
// nothing fetched) and printable on A4; personal values and CPR numbers never appear.
import { describe, expect, it } from 'vitest';
import { check, renderDoc } from '../src/index';

const HOSTILE = `record R {
  cpr:     text key personal              "CPR-nummer"
  navn:    text optional                  "<script>alert(1)</script>"
  health:  one of (fine, poor) optional personal "Helbred"
  score:   integer 1..5 optional          "a | b & c *d* _e_ [f](g) \`h\`"
  note:    text optional                  "Noteret af 0101701234"
}
param grænse = 3 "<b>fed</b> & \\"citat\\""
group g "<img src=x onerror=alert(2)>" = score >= grænse and navn != "</td><script>x</script>"
program p "Tilbud <i>|</i>" {
  require g "Linje med <script>y</script> og | streg"
  require note is known
}
test "Titel <script>z</script> for 0101701234" {
  as of 2026-11-23
  given { cpr: "0101701234", health: poor, score: 4, navn: "<b>Bo</b>" }
  expect g
  expect p eligible
}
`;

const checked = check(HOSTILE);

describe('renderDoc escaping', () => {
  it('the hostile file checks', () => {
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  });

  it.each(['da', 'en'] as const)('HTML (%s): no markup from the file, only its characters', (lang) => {
    const html = renderDoc(checked, { lang, format: 'html', asOf: '2026-11-23' });
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<\/td><script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;b&gt;fed&lt;/b&gt; &amp; &quot;citat&quot;');
    expect(html).toContain('Linje med &lt;script&gt;y&lt;/script&gt; og | streg');
    // the only tags are the page's own
    const allowed = ['body', 'code', 'col', 'colgroup', 'dd', 'dl', 'dt', 'h1', 'h2', 'h3', 'head', 'html', 'meta', 'p', 'strong', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr'];
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].filter((t) => !allowed.includes(t))).toEqual([]);
  });

  it('HTML: one self-contained printable page', () => {
    const html = renderDoc(checked, { lang: 'da', format: 'html' });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="da">')).toBe(true);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@media print');
    expect(html).toMatch(/<meta charset="utf-8">/);
    // nothing is fetched: no URLs, no external resources, and a CSP that forbids them
    expect(html).not.toMatch(/<[^>]*\s(src|href|action)=/i);
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).not.toMatch(/https?:|url\(|@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('Markdown: the file\'s text escaped, tables keep their columns', () => {
    const md = renderDoc(checked, { lang: 'da', format: 'md', asOf: '2026-11-23' });
    // outside code spans (which Markdown shows as they are) no '<' is left unescaped
    expect(md.replace(/`[^`\n]*`/g, '')).not.toMatch(/(^|[^\\])</m);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('a \\| b \\& c \\*d\\* \\_e\\_ \\[f\\](g) \\`h\\`');
    for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const rows = table.split('\n').filter((r) => r !== '');
      const columns = (row: string) => row.replace(/\\./g, '').replace(/`[^`]*`/g, '').split('|').length;
      for (const row of rows) expect(columns(row)).toBe(columns(rows[0]!));
    }
  });

  it.each(['html', 'md'] as const)('%s: no personal value, no CPR number', (format) => {
    for (const lang of ['da', 'en'] as const) {
      const out = renderDoc(checked, { lang, format, asOf: '2026-11-23', title: 'regler 0101701234.visit' });
      expect(out).not.toContain('0101701234');
      expect(out).not.toMatch(/Helbred: poor|Helbred: dårlig/);
      expect(out).toContain('Helbred: •••');
      // the key identifies the example's citizen and is left out of its data
      expect(out).not.toContain('CPR-nummer: ');
      expect(out).toContain('••••••-••••');
    }
  });
});
