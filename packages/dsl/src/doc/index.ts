// `visit doc`: a rule file for people — programmes and their requirements as sentences, groups as
// definitions, params with their dated values, the record's fields and the test cases as examples.
// Browser-safe (no Node APIs): the editor shows it in a tab. Personal values (given values of
// `personal` fields, CPR numbers anywhere in the file's texts) never appear in it.
import * as A from '../ast';
import { maskCprNumbers, PERSONAL_MASK } from '../check/personal';
import type { CheckedFile } from '../check/types';
import { dayNumber, isoDay, periodsOf, versionOn, type VersionedDeclaration } from '../check/versions';
import { nameWords, requirementSentence, sentence, statement, valuePhrase, valueText, type PhraseContext } from './phrase';
import { dateText, joinWords, outcomeText, TEXT, type DocLang } from './words';

export { requirementSentence, statement, valuePhrase } from './phrase';
export type { DocLang } from './words';

export interface DocOptions {
  lang: DocLang;
  format: 'html' | 'md';
  /** Reference date `YYYY-MM-DD`: marks the versions in force and gives dated params their value. */
  asOf?: string;
  /** Shown in the title (the file's name). */
  title?: string;
}

// ---------------------------------------------------------------- the document model

type Part = string | { code: string } | { strong: string };
type Inline = Part[];
type Block =
  | { kind: 'h'; level: 1 | 2 | 3; text: Inline }
  | { kind: 'p'; text: Inline; small?: boolean }
  | { kind: 'table'; head: string[]; rows: Inline[][]; widths?: string[] }
  | { kind: 'dl'; items: { term: Inline; desc: Inline[] }[] };

/** The rule file as a page for people, in Danish or English, as HTML or Markdown. Never throws on a checked file. */
export function renderDoc(checked: CheckedFile, options: DocOptions): string {
  const blocks = buildDoc(checked, options);
  const out = options.format === 'html' ? toHtml(blocks, options) : toMarkdown(blocks);
  // A last guard: a CPR number in a title or label is masked wherever it came from.
  return maskCprNumbers(out);
}

function buildDoc(checked: CheckedFile, options: DocOptions): Block[] {
  const { lang, asOf } = options;
  const t = TEXT[lang];
  const ctx: PhraseContext = { lang, checked, ...(asOf !== undefined ? { asOf } : {}) };
  const blocks: Block[] = [];
  const mask = (s: string) => maskCprNumbers(s);
  const decls = checked.file.declarations;
  blocks.push({ kind: 'h', level: 1, text: [options.title ? `${t.title}: ${mask(options.title)}` : t.title] });
  if (asOf !== undefined) blocks.push({ kind: 'p', text: [t.asOf(dateText(lang, asOf))] });
  blocks.push({ kind: 'p', text: [t.generated], small: true });

  const validity = (d: VersionedDeclaration): string | undefined => validityText(checked, d, lang);
  const inForceNote = (d: VersionedDeclaration): string | undefined => {
    if (asOf === undefined || !isIsoDay(asOf)) return undefined;
    const versions = checked.versions.get(d.name.text) ?? [d];
    if (versions.length <= 1 && !d.validity) return undefined;
    const on = versionOn(periodsOf(versions), dayNumber(asOf));
    return on === d ? t.versionInForce(dateText(lang, asOf)) : undefined;
  };

  // programmes
  const programs = decls.filter((d): d is A.ProgramDeclaration => d.kind === 'Program');
  if (programs.length > 0) {
    blocks.push({ kind: 'h', level: 2, text: [t.programs] });
    blocks.push({ kind: 'p', text: [t.programIntro] });
    for (const p of programs) {
      blocks.push({ kind: 'h', level: 3, text: [p.label ? mask(p.label.value) : nameWords(p.name.text), ' ', { code: p.name.text }] });
      const v = validity(p);
      if (v !== undefined) {
        const note = inForceNote(p);
        const notInForce = asOf !== undefined && isIsoDay(asOf) && note === undefined ? ` ${t.notInForce(dateText(lang, asOf))}` : '';
        blocks.push({ kind: 'p', text: [{ strong: t.validity(v) }, note ? ` ${sentence(note)}` : notInForce] });
      }
      if (p.lines.length === 0) {
        blocks.push({ kind: 'p', text: [t.noLines] });
        continue;
      }
      blocks.push({
        kind: 'table',
        head: [t.line, t.requirement, t.inWords, t.rule],
        widths: ['5%', '35%', '35%', '25%'],
        rows: p.lines.map((line, i) => {
          const words = requirementSentence(line, ctx);
          const prefix = line.mode === 'exclude' && line.label ? `${t.excludes}: ` : '';
          const label = line.label ? [prefix + mask(line.label.value)] : [words];
          return [[String(i + 1)], label, line.label ? [words] : ['—'], [{ code: sourceOf(checked, line.condition) }]];
        }),
      });
    }
  }

  // groups
  const groups = decls.filter((d): d is A.GroupDeclaration => d.kind === 'Group');
  if (groups.length > 0) {
    blocks.push({ kind: 'h', level: 2, text: [t.groups] });
    blocks.push({
      kind: 'dl',
      items: groups.map((g) => {
        const v = validity(g);
        const note = inForceNote(g);
        const desc: Inline[] = [[t.groupIntro(statement(g.condition, ctx))], [{ code: sourceOf(checked, g.condition) }]];
        if (v !== undefined) desc.unshift([{ strong: t.validity(v) }, note ? ` ${sentence(note)}` : '']);
        return { term: [g.label ? mask(g.label.value) : nameWords(g.name.text), ' ', { code: g.name.text }], desc };
      }),
    });
  }

  // lets
  const lets = decls.filter((d): d is A.LetDeclaration => d.kind === 'Let');
  if (lets.length > 0) {
    blocks.push({ kind: 'h', level: 2, text: [t.lets] });
    blocks.push({
      kind: 'table',
      head: [t.name, t.meaning, t.rule, t.valid],
      rows: lets.map((l) => [[{ code: l.name.text }], [sentence(valuePhrase(l.value, ctx))], [{ code: sourceOf(checked, l.value) }], [validityCell(validity(l), inForceNote(l), t.always)]]),
    });
  }

  // params
  const params = decls.filter((d): d is A.ParamDeclaration => d.kind === 'Param');
  if (params.length > 0) {
    blocks.push({ kind: 'h', level: 2, text: [t.params] });
    const head: string[] = [t.name, t.meaning, t.value, t.valid];
    blocks.push({
      kind: 'table',
      head,
      rows: params.map((p) => {
        const overridden = (checked.versions.get(p.name.text)?.length ?? 1) <= 1 ? checked.paramValues.get(p.name.text) : undefined;
        const value = valueText(overridden ?? p.value, ctx);
        return [[{ code: p.name.text }], [p.label ? mask(p.label.value) : '—'], [value], [validityCell(validity(p), inForceNote(p), t.always)]];
      }),
    });
  }

  // the record
  const record = checked.record;
  if (record) {
    blocks.push({ kind: 'h', level: 2, text: [t.record] });
    const rows: Inline[][] = [];
    const addField = (f: A.FieldDeclaration, prefix: string) => {
      const mods = f.modifiers.map((m) => m.modifier);
      const notes: string[] = [];
      if (mods.includes('key')) notes.push(t.key);
      if (mods.includes('personal')) notes.push(t.personal);
      rows.push([
        [{ code: prefix + f.name.text }],
        [f.label ? mask(f.label.value) : '—'],
        [typeText(f.type, lang) + (notes.length > 0 ? ` (${notes.join(', ')})` : '')],
        [mods.includes('optional') ? t.yes : t.no],
      ]);
      if (f.type.kind === 'ListType') for (const sub of f.type.fields) addField(sub, `${prefix}${f.name.text}.`);
    };
    for (const f of record.fields) addField(f, '');
    blocks.push({ kind: 'table', head: [t.field, t.meaning, t.type, t.optional], rows });
  }

  // tests
  if (checked.tests.length > 0) {
    blocks.push({ kind: 'h', level: 2, text: [t.tests] });
    blocks.push({
      kind: 'table',
      head: [t.example, t.date, t.given, t.expected],
      widths: ['25%', '12%', '38%', '25%'],
      rows: checked.tests.map((test) => {
        const given = givenText(checked, test, ctx);
        const overrides = test.overrides.map((o) => `${o.name.text} = ${valueText(o.value, ctx)}`);
        const data = overrides.length > 0 ? `${given} ${t.overrides}: ${overrides.join('; ')}.` : given;
        const expected = test.expectations.map((x) => `${x.target.text}: ${outcomeText(lang, x.expected)}`).join('; ');
        return [[mask(test.title.value)], [test.asOf ? dateText(lang, test.asOf.value) : t.runDate], [data], [expected]];
      }),
    });
  }
  return blocks;
}

function isIsoDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isoDay(dayNumber(s)) === s;
}

function validityCell(v: string | undefined, note: string | undefined, always: string): string {
  return `${v ?? always}${note ? ` (${note})` : ''}`;
}

/** The days a version is in force in words, or undefined for an undated declaration with no other versions. */
function validityText(checked: CheckedFile, d: VersionedDeclaration, lang: DocLang): string | undefined {
  const t = TEXT[lang];
  const versions = checked.versions.get(d.name.text) ?? [d];
  if (!d.validity && versions.length <= 1) return undefined;
  const period = periodsOf(versions).find((p) => p.decl === d);
  if (!period) return undefined;
  if (period.ranges.length === 0) return t.otherwise;
  return joinWords(
    period.ranges.map((r) => {
      const f = Number.isFinite(r.from) ? dateText(lang, isoDay(r.from)) : undefined;
      const u = Number.isFinite(r.until) ? dateText(lang, isoDay(r.until)) : undefined;
      if (f && u) return t.fromUntil(f, u);
      if (u) return t.until(u);
      if (f) return t.from(f);
      return t.everyDay;
    }),
    lang === 'da' ? 'og' : 'and',
  );
}

/** The rule's source text on one line (comments kept out, CPR numbers masked). */
function sourceOf(checked: CheckedFile, e: A.Expression): string {
  const text = checked.source.slice(e.range.start.offset, e.range.end.offset);
  return maskCprNumbers(
    text
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/\/\/[^\n]*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function typeText(type: A.TypeNode, lang: DocLang): string {
  const da = lang === 'da';
  switch (type.kind) {
    case 'PrimitiveType': {
      const base = {
        text: da ? 'tekst' : 'text',
        boolean: da ? 'ja/nej' : 'yes/no',
        date: da ? 'dato' : 'date',
        number: da ? 'tal' : 'number',
        integer: da ? 'heltal' : 'whole number',
      }[type.name];
      const unit = type.unit ? (da ? ` (antal ${type.unit.unit === 'days' ? 'dage' : type.unit.unit === 'weeks' ? 'uger' : type.unit.unit === 'months' ? 'måneder' : 'år'})` : ` (${type.unit.unit})`) : '';
      const bounds = type.bounds ? (da ? ` fra ${fmt(type.bounds.min.value, lang)} til ${fmt(type.bounds.max.value, lang)}` : ` from ${type.bounds.min.value} to ${type.bounds.max.value}`) : '';
      return base + unit + bounds;
    }
    case 'EnumType':
      return `${da ? 'én af' : 'one of'}: ${type.values.map((v) => v.text).join(', ')}`;
    case 'ListType': {
      const fields = type.fields.map((f) => f.name.text);
      const period = fields.includes('start') && fields.includes('end');
      return da ? (period ? 'liste af perioder' : 'liste af poster') : period ? 'list of periods' : 'list of entries';
    }
    default:
      return A.assertNever(type);
  }
}

function fmt(n: number, lang: DocLang): string {
  return lang === 'da' ? String(n).replace('.', ',') : String(n);
}

/** "Fødselsdato: 1. januar 1970; Ydelse: dagpenge" — personal values as •••. */
function givenText(checked: CheckedFile, test: A.TestDeclaration, ctx: PhraseContext): string {
  const t = TEXT[ctx.lang];
  if (!test.given || test.given.entries.length === 0) return t.none;
  const entry = (e: A.GivenEntry, fields: readonly A.FieldDeclaration[]): string => {
    const f = fields.find((x) => x.name.text === e.name.text);
    const name = f?.label ? maskCprNumbers(f.label.value) : nameWords(e.name.text);
    if (f?.modifiers.some((m) => m.modifier === 'personal')) return `${name}: ${PERSONAL_MASK}`;
    if (e.value.kind === 'ListLiteral') {
      const sub = f?.type.kind === 'ListType' ? f.type.fields : [];
      const elements = e.value.elements.map((el) => `(${el.entries.map((x) => entry(x, sub).replace(/^./u, (c) => c.toLocaleLowerCase('da'))).join(', ')})`);
      return `${name}: ${t.entries(e.value.elements.length)}${elements.length > 0 ? ` ${elements.join(', ')}` : ''}`;
    }
    return `${name}: ${maskCprNumbers(valueText(e.value, ctx))}`;
  };
  const fields = checked.record?.fields ?? [];
  // The key identifies the example's citizen and decides nothing: left out (it is personal data, too).
  const isKey = (e: A.GivenEntry) => fields.some((f) => f.name.text === e.name.text && f.modifiers.some((m) => m.modifier === 'key'));
  const shown = test.given.entries.filter((e) => !isKey(e));
  return shown.length === 0 ? t.none : shown.map((e) => entry(e, fields)).join('; ');
}

// ---------------------------------------------------------------- HTML

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function inlineHtml(parts: Inline): string {
  return parts.map((p) => (typeof p === 'string' ? esc(p) : 'code' in p ? `<code>${esc(p.code)}</code>` : `<strong>${esc(p.strong)}</strong>`)).join('');
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
html { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; background: #fff; }
body { max-width: 180mm; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 .3em; }
h2 { font-size: 14pt; margin: 1.6em 0 .5em; border-bottom: 1px solid #999; padding-bottom: .15em; }
h3 { font-size: 12pt; margin: 1.2em 0 .4em; }
p.small { font-size: 9pt; color: #444; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; color: #333; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
th, td { border: 1px solid #bbb; padding: .3em .45em; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; }
dl { margin: .4em 0; }
dt { font-weight: bold; margin-top: .8em; }
dd { margin: .2em 0 0 1.2em; }
dd p { margin: .15em 0; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  h2, h3, dt { break-after: avoid; page-break-after: avoid; }
  tr, dd { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function toHtml(blocks: readonly Block[], options: DocOptions): string {
  const title = blocks[0]?.kind === 'h' ? blocks[0].text.map((p) => (typeof p === 'string' ? p : 'code' in p ? p.code : p.strong)).join('') : TEXT[options.lang].title;
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'h':
          return `<h${b.level}>${inlineHtml(b.text)}</h${b.level}>`;
        case 'p':
          return `<p${b.small ? ' class="small"' : ''}>${inlineHtml(b.text)}</p>`;
        case 'table': {
          const cols = b.widths ? `<colgroup>${b.widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>` : '';
          const head = `<thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
          const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('\n');
          return `<table>${cols}${head}\n<tbody>\n${rows}\n</tbody></table>`;
        }
        case 'dl':
          return `<dl>\n${b.items.map((i) => `<dt>${inlineHtml(i.term)}</dt>\n<dd>${i.desc.map((d) => `<p>${inlineHtml(d)}</p>`).join('')}</dd>`).join('\n')}\n</dl>`;
        default:
          return A.assertNever(b);
      }
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

// ---------------------------------------------------------------- Markdown

/** Text that Markdown reads as text: its punctuation escaped, no line breaks. */
function escMd(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|#~&]/g, (c) => `\\${c}`);
}

function codeMd(s: string): string {
  const clean = s.replace(/\s+/g, ' ').replace(/\|/g, '¦');
  const ticks = clean.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${clean}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

function inlineMd(parts: Inline): string {
  return parts.map((p) => (typeof p === 'string' ? escMd(p) : 'code' in p ? codeMd(p.code) : `**${escMd(p.strong)}**`)).join('');
}

function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'h':
        out.push(`${'#'.repeat(b.level)} ${inlineMd(b.text)}`);
        break;
      case 'p':
        out.push(b.small ? `*${inlineMd(b.text)}*` : inlineMd(b.text));
        break;
      case 'table':
        out.push(
          [`| ${b.head.map(escMd).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map((c) => inlineMd(c) || ' ').join(' | ')} |`)].join('\n'),
        );
        break;
      case 'dl':
        out.push(b.items.map((i) => `- **${inlineMd(i.term)}**\n${i.desc.map((d) => `  ${inlineMd(d)}`).join('\n\n')}`).join('\n\n'));
        break;
      default:
        A.assertNever(b);
    }
  }
  return `${out.join('\n\n')}\n`;
}
