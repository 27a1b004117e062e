// Hover: what a name is — a field's type, range, unit and label; a group's or program's label and
// definition; a param's (effective) value; a let's definition and type; an enum value's enum.
import type { Hover, Position } from 'vscode-languageserver-types';
import * as A from '../ast';
import { describeType } from '../check/describe';
import { toLspRange, touches, type VisitDocument } from './document';
import type { SymbolDefinition } from './symbols-index';
import { expressionText, literalText } from './text';
import { forEachExpression } from './walk';

/** How each function is called, for the hover's heading. */
const signatures: Record<string, string> = {
  age_of: 'age_of(date)',
  time_since: 'time_since(date)',
  time_between: 'time_between(date, date)',
  any: 'any(list where condition)',
  all: 'all(list where condition)',
  none: 'none(list where condition)',
  count: 'count(list where condition)',
  time_in: 'time_in(periods where condition, last N unit)',
};

const functionDocs: Record<string, string> = {
  age_of: 'The age on the reference date: the whole completed days, weeks, months or years from the date, in the unit of the duration it is compared with (`age_of(birth_date) >= 50 years`). Someone born on 29 February has a birthday on 28 February in common years.',
  time_since:
    'The time from a date to the reference date, in whole completed units of the duration it is compared with (`time_since(unemployed_since) >= 6 months`). Adding months keeps the day of the month, or takes the month’s last day; a date after the reference date gives 0.',
  time_between:
    'The time from the first date to the second, in whole completed units of the duration it is compared with (`time_between(henvist, visiteret) > 4 weeks`), by the calendar rule of `time_since`; 0 when the second date is earlier, unknown when either is missing.',
  any: 'True when the condition holds for at least one element of the list (`any(forløb where kind = jobklub)`); false for an empty list; unknown for a missing list, or when no element is true and some are unknown.',
  all: 'True when the condition holds for every element of the list; true for an empty list; unknown for a missing list, or when none is false and some are unknown.',
  none: 'True when the condition holds for no element of the list (`not any(…)`).',
  count: 'The number of elements for which the condition holds (`count(samtaler where time_since(dato) <= 6 months) >= 4`), or of all elements with `count(list)`; 0 for an empty list.',
  time_in:
    'The days of the window `last N unit` (up to the reference date) covered by the periods for which the condition holds, overlapping periods counted once; a missing `end` means still running. Compared with days or weeks only (`time_in(forløb where kind = dagpenge, last 52 weeks) >= 42 weeks`).',
};

export function getHover(doc: VisitDocument, position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const occurrence = doc.index.at(offset);
  if (occurrence) {
    const def = doc.index.definitions.get(occurrence.key);
    // A personal value (an enum value given for a personal field in a test) is not repeated.
    const personal = doc.checked.personal.some((r) => r.start.offset < occurrence.range.end.offset && r.end.offset > occurrence.range.start.offset);
    if (def && personal) {
      const field = def.kind === 'enumValue' && def.node.kind === 'Field' ? ` of **${plain(def.node.name.text)}**` : '';
      return { contents: { kind: 'markdown', value: `A value${field}: personal data, not shown here` }, range: toLspRange(occurrence.range) };
    }
    if (def) return { contents: { kind: 'markdown', value: describe(doc, def) }, range: toLspRange(occurrence.range) };
  }
  let call: A.Call | undefined;
  forEachExpression(doc.checked.file, (e) => {
    if (e.kind === 'Call' && touches(e.callee.range, offset)) call = e;
  });
  if (call) {
    const documentation = functionDocs[call.callee.text];
    if (documentation) {
      return { contents: { kind: 'markdown', value: `${code(signatures[call.callee.text] ?? `${call.callee.text}(…)`)}\n\n${documentation}` }, range: toLspRange(call.callee.range) };
    }
  }
  return null;
}

function code(text: string): string {
  return `\`\`\`visit\n${text}\n\`\`\``;
}

/** Markdown-safe text (labels are written by policy staff and may contain `*` or `_`). */
function plain(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function fieldFacts(doc: VisitDocument, f: A.FieldDeclaration, list?: A.FieldDeclaration): string[] {
  const facts: string[] = [];
  const listType = list && doc.checked.fieldTypes.get(list.name.text);
  const t = list ? (listType?.kind === 'list' ? listType.fields.get(f.name.text) : undefined) : doc.checked.fieldTypes.get(f.name.text);
  if (t && t.kind !== 'enum') facts.push(`Type: ${describeType(t)}`);
  if (t?.kind === 'list') {
    facts.push('A list (§12): use it in any, all, none, count or time_in; a missing list is unknown, an empty one is known');
    if (t.period) facts.push('Periods: from start to end, both included; a missing end means still running on the reference date');
  }
  if (list) {
    facts.push(`A field of each element of **${plain(list.name.text)}**: used inside \`${plain(list.name.text)} where …\``);
    if (listType?.kind === 'list' && listType.period && f.name.text === 'end') facts.push('Missing: the period is still running (`end is missing`)');
  }
  if (f.type.kind === 'PrimitiveType') {
    if (f.type.bounds) facts.push(`Range: ${f.type.bounds.min.value} to ${f.type.bounds.max.value}`);
    if (f.type.unit) facts.push(`Unit: ${f.type.unit.unit}`);
  }
  const mods = new Set(f.modifiers.map((m) => m.modifier));
  facts.push(mods.has('optional') ? 'Optional: may be missing' : 'Required: a record without it is invalid');
  if (mods.has('key')) facts.push('Key: identifies the record in output');
  if (mods.has('personal')) facts.push('Personal: its value is never shown');
  return facts;
}

function describe(doc: VisitDocument, def: SymbolDefinition): string {
  const c = doc.checked;
  const src = doc.text;
  const node = def.node;
  switch (node.kind) {
    case 'Record':
      return `${code(`record ${node.name.text}`)}\n\nThe input record: ${node.fields.length} field${node.fields.length === 1 ? '' : 's'}.`;
    case 'Field': {
      if (def.kind === 'enumValue') {
        const values = node.type.kind === 'EnumType' ? node.type.values.map((v) => v.text).join(', ') : '';
        const label = node.label ? ` (${plain(node.label.value)})` : '';
        const owner = def.list ? `${def.list.name.text}.${node.name.text}` : node.name.text;
        return `${code(def.name)}\n\nA value of **${plain(owner)}**${label}: one of (${plain(values)}).`;
      }
      const type = src.slice(node.type.range.start.offset, node.type.range.end.offset).replace(/\s+/g, ' ');
      const mods = node.modifiers.map((m) => ` ${m.modifier}`).join('');
      const parts = [code(`${node.name.text}: ${type}${mods}`)];
      if (node.label) parts.push(`**${plain(node.label.value)}**`);
      parts.push(fieldFacts(doc, node, def.kind === 'element' ? def.list : undefined).join('  \n'));
      return parts.join('\n\n');
    }
    case 'Let': {
      const t = c.letTypes.get(node.name.text);
      return `${code(`let ${node.name.text} = ${expressionText(src, node.value, 400, c.personal)}`)}${t ? `\n\nType: ${describeType(t)}` : ''}`;
    }
    case 'Param': {
      const declared = expressionText(src, node.value, 80, c.personal);
      const effective = c.paramValues.get(node.name.text);
      const parts = [code(`param ${node.name.text} = ${declared}`)];
      if (node.label) parts.push(`**${plain(node.label.value)}**`);
      if (effective && effective !== node.value) {
        parts.push(`Value in this run: **${plain(literalText(effective))}** (declared ${plain(declared)})`);
      } else {
        parts.push(`Value: ${plain(declared)} (a run may override it)`);
      }
      return parts.join('\n\n');
    }
    case 'Group': {
      const parts = [code(`group ${node.name.text}`)];
      if (node.label) parts.push(`**${plain(node.label.value)}**`);
      parts.push(code(expressionText(src, node.condition, 400, c.personal)));
      return parts.join('\n\n');
    }
    case 'Program': {
      const parts = [code(`program ${node.name.text}`)];
      if (node.label) parts.push(`**${plain(node.label.value)}**`);
      const lines = node.lines.map((l) => `- \`${l.mode} ${expressionText(src, l.condition, 120, c.personal).replace(/`/g, "'")}\`${l.label ? ` — ${plain(l.label.value)}` : ''}`);
      if (lines.length > 0) parts.push(lines.join('\n'));
      return parts.join('\n\n');
    }
    default:
      return A.assertNever(node);
  }
}
