// Personal values written in a rules file (DOMAIN.md: personal data is shown only in the `id` column
// of the screening output). A rules file holds some: a test's `given` value for a field declared
// `personal` (`given { cpr: "0101701234" }`), and a literal compared with such a field
// (`exclude cpr in ("0101701234")`). Their ranges are found from the AST alone, before checking,
// so that every message the checker builds, every diagnostic's source snippet, hover and completion
// text show `•••` in their place.
import * as A from '../ast';

/** What stands for a personal value wherever text from the rules file is shown. */
export const PERSONAL_MASK = '•••';

function isPersonal(f: A.FieldDeclaration): boolean {
  return f.modifiers.some((m) => m.modifier === 'personal');
}

/** A literal (or a negated one): a value written in the file, as opposed to a name or an expression. */
function isLiteral(e: A.Expression): boolean {
  switch (e.kind) {
    case 'Number':
    case 'Duration':
    case 'Date':
    case 'Text':
    case 'Boolean':
      return true;
    case 'Negate':
      return isLiteral(e.operand);
    default:
      return false;
  }
}

/**
 * The ranges of personal values in a parsed file, sorted by offset. `record` may be missing or
 * partial (a file with syntax errors): then only what can be told is found.
 */
export function personalRanges(file: A.VisitFile): A.Range[] {
  const personal = new Set<string>();
  /** List fields (§12): the personal fields of their elements, and whether the whole list is personal. */
  const lists = new Map<string, { personal: boolean; elements: Map<string, boolean> }>();
  for (const d of file.declarations) {
    if (d.kind !== 'Record') continue;
    for (const f of d.fields) {
      if (isPersonal(f)) personal.add(f.name.text);
      if (f.type.kind === 'ListType') {
        // Every list: inside its where conditions its element fields shadow the record's.
        lists.set(f.name.text, { personal: isPersonal(f), elements: new Map(f.type.fields.map((e) => [e.name.text, isPersonal(e)] as const)) });
      }
    }
  }
  const listsPersonal = [...lists.values()].some((l) => l.personal || [...l.elements.values()].some(Boolean));
  if (personal.size === 0 && !listsPersonal) return [];
  // A let, param or group of the same name would be a duplicate-name error; the name is still
  // taken as the field's (the safe side).
  const out: A.Range[] = [];
  /** Inside `L where c`: the element's fields shadow the record's (personal when the element field or the list is). */
  let scope: { personal: boolean; elements: Map<string, boolean> } | undefined;
  const isPersonalField = (e: A.Expression) => {
    if (e.kind !== 'Reference') return false;
    const element = scope?.elements.get(e.name);
    if (element !== undefined) return element || scope!.personal;
    return personal.has(e.name);
  };
  const visit = (root: A.Expression) => {
    const stack = [root];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.kind === 'Where' && e.list.kind === 'Reference' && lists.has(e.list.name) && !scope) {
        scope = lists.get(e.list.name);
        visit(e.condition);
        scope = undefined;
        continue;
      }
      if (e.kind === 'Comparison') {
        if (isPersonalField(e.left) && isLiteral(e.right)) out.push(e.right.range);
        if (isPersonalField(e.right) && isLiteral(e.left)) out.push(e.left.range);
      } else if (e.kind === 'In' && isPersonalField(e.value)) {
        for (const item of e.items) if (isLiteral(item)) out.push(item.range);
      } else if (e.kind === 'Between' && isPersonalField(e.value)) {
        for (const bound of [e.low, e.high]) if (isLiteral(bound)) out.push(bound.range);
      }
      stack.push(...A.childExpressions(e));
    }
  };
  for (const d of file.declarations) {
    switch (d.kind) {
      case 'Let':
      case 'Param':
        visit(d.value);
        break;
      case 'Group':
        visit(d.condition);
        break;
      case 'Program':
        for (const l of d.lines) visit(l.condition);
        break;
      case 'Test':
        for (const entry of d.given?.entries ?? []) {
          const value = entry.value;
          if (personal.has(entry.name.text)) out.push(value.range);
          else if (value.kind !== 'ListLiteral') visit(value);
          else {
            // An element's personal fields (§12); of a list that is not a list field, nothing is known.
            const list = lists.get(entry.name.text);
            for (const element of value.elements)
              for (const e of element.entries) if (list?.elements.get(e.name.text)) out.push(e.value.range);
          }
        }
        for (const o of d.overrides) visit(o.value);
        break;
      case 'Record':
        break;
      default:
        A.assertNever(d);
    }
  }
  return out.filter((r) => r.end.offset > r.start.offset).sort((a, b) => a.start.offset - b.start.offset);
}

/** Do [from, to) and the range overlap? */
export function overlaps(r: A.Range, from: number, to: number): boolean {
  return r.start.offset < to && r.end.offset > from;
}

/** `source[from, to)` with every personal range in it (or overlapping it) replaced by •••. */
export function maskedSlice(source: string, from: number, to: number, personal: readonly A.Range[]): string {
  let out = '';
  let at = from;
  for (const r of personal) {
    if (!overlaps(r, from, to) || r.end.offset <= at) continue;
    const start = Math.max(r.start.offset, at);
    out += source.slice(at, start) + PERSONAL_MASK;
    at = Math.min(r.end.offset, to);
  }
  return out + source.slice(at, to);
}

/**
 * A CPR number in a message: DDMMYY, an optional hyphen and four digits, or the same as nine digits
 * (a CPR written as a number loses its leading zero), not inside a longer run of digits, with a
 * date that exists. The CLI masks its output with the same rule (packages/cli/src/terminal-text.ts).
 */
const CPR_NUMBER = /(?<!\d)(?:(\d{2})(\d{2})(\d{2})-?\d{4}|(\d)(\d{2})(\d{2})\d{4})(?!\d)/g;
const MAYBE_CPR = /\d{5}-?\d{4}/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What a CPR number in a message is shown as. */
export const CPR_MASK = '••••••-••••';

/**
 * `text` with every CPR number in it masked. Diagnostics pass through it: a CPR number typed as the
 * value of a misspelt or non-personal field, in a text, a label or a `--param` is still one, and a
 * message may quote it (`expected ':' but found '0101701234'`); the LSP and the editor show these
 * messages as they are.
 */
export function maskCprNumbers(text: string): string {
  if (!MAYBE_CPR.test(text)) return text;
  return text.replace(CPR_NUMBER, (...m: (string | undefined)[]) => {
    const day = Number(m[1] ?? m[4]);
    const month = Number(m[2] ?? m[5]);
    const yy = Number(m[3] ?? m[6]);
    const exists = month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]! && !(month === 2 && day === 29 && yy % 4 !== 0);
    return exists ? CPR_MASK : m[0]!;
  });
}
