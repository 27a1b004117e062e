// Hover: what a name is — a field's type, range, unit and label; a group's or program's label and
// definition; a param's (effective) value; a let's definition and type; an enum value's enum.
import type { Hover, Position } from 'vscode-languageserver-types';
import * as A from '../ast';
import { describeType } from '../check/describe';
import { toLspRange, touches, type VisitDocument } from './document';
import type { SymbolDefinition } from './symbols-index';
import { expressionText, literalText } from './text';
import { forEachExpression } from './walk';

const functionDocs: Record<string, string> = {
  age_of: 'The age on the reference date: the whole completed days, weeks, months or years from the date, in the unit of the duration it is compared with (`age_of(birth_date) >= 50 years`). Someone born on 29 February has a birthday on 28 February in common years.',
  time_since:
    'The time from a date to the reference date, in whole completed units of the duration it is compared with (`time_since(unemployed_since) >= 6 months`). Adding months keeps the day of the month, or takes the month’s last day; a date after the reference date gives 0.',
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
      return { contents: { kind: 'markdown', value: `${code(`${call.callee.text}(date)`)}\n\n${documentation}` }, range: toLspRange(call.callee.range) };
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

function fieldFacts(doc: VisitDocument, f: A.FieldDeclaration): string[] {
  const facts: string[] = [];
  const t = doc.checked.fieldTypes.get(f.name.text);
  if (t && t.kind !== 'enum') facts.push(`Type: ${describeType(t)}`);
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
        return `${code(def.name)}\n\nA value of **${plain(node.name.text)}**${label}: one of (${plain(values)}).`;
      }
      const type = src.slice(node.type.range.start.offset, node.type.range.end.offset).replace(/\s+/g, ' ');
      const mods = node.modifiers.map((m) => ` ${m.modifier}`).join('');
      const parts = [code(`${node.name.text}: ${type}${mods}`)];
      if (node.label) parts.push(`**${plain(node.label.value)}**`);
      parts.push(fieldFacts(doc, node).join('  \n'));
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
