// Every place a name is declared or used, with what it refers to: the basis of go to definition,
// find references, rename and hover. Built from the checker's resolutions, once per document.
import * as A from '../ast';
import type { CheckedFile } from '../check/types';

export type SymbolKind = 'record' | 'field' | 'element' | 'let' | 'param' | 'group' | 'program' | 'enumValue';

/**
 * A declared name. `key` identifies it (`group:unge`, `enumValue:benefit:dagpenge`, and for a
 * field of a list's elements `element:forløb:kind`, §12; an enum value of an element field is
 * `enumValue:forløb.kind:jobklub`).
 */
export interface SymbolDefinition {
  key: string;
  kind: SymbolKind;
  name: string;
  /** The name at its declaration. */
  nameRange: A.Range;
  /** The whole declaration (for an enum value: the field that lists it). */
  node: A.RecordDeclaration | A.FieldDeclaration | A.NamedDeclaration;
  /** For an enum value: the field whose `one of (…)` lists it. */
  field?: A.FieldDeclaration;
  /** For an element field (and an enum value of one): the list field it belongs to. */
  list?: A.FieldDeclaration;
}

export interface Occurrence {
  key: string;
  range: A.Range;
  role: 'declaration' | 'reference';
}

export interface SymbolIndex {
  definitions: Map<string, SymbolDefinition>;
  /** Sorted by start offset. */
  occurrences: Occurrence[];
  /** The occurrence under `offset` (a cursor right after a name counts as on it). */
  at(offset: number): Occurrence | undefined;
  /** Declaration and uses of one symbol, in source order. */
  occurrencesOf(key: string): Occurrence[];
}

/** `field` is the enum's field for an enum value (`forløb.kind` for an element field), the list for an element. */
export function symbolKey(kind: SymbolKind, name: string, field?: string): string {
  return kind === 'enumValue' || kind === 'element' ? `${kind}:${field ?? ''}:${name}` : `${kind}:${name}`;
}

export function buildSymbolIndex(checked: CheckedFile): SymbolIndex {
  const definitions = new Map<string, SymbolDefinition>();
  const occurrences: Occurrence[] = [];
  const enumFields: A.FieldDeclaration[] = [];
  /** The enum key prefix of each enum field (`benefit`, or `forløb.kind` for an element field). */
  const enumPrefix = new Map<A.FieldDeclaration, string>();

  const define = (d: SymbolDefinition) => {
    // With duplicate names (an error the checker reports) the first declaration wins.
    if (!definitions.has(d.key)) definitions.set(d.key, d);
    occurrences.push({ key: d.key, range: d.nameRange, role: 'declaration' });
  };
  const use = (key: string, range: A.Range) => occurrences.push({ key, range, role: 'reference' });

  for (const d of checked.file.declarations) {
    switch (d.kind) {
      case 'Record':
        define({ key: symbolKey('record', d.name.text), kind: 'record', name: d.name.text, nameRange: d.name.range, node: d });
        for (const f of d.fields) {
          define({ key: symbolKey('field', f.name.text), kind: 'field', name: f.name.text, nameRange: f.name.range, node: f });
          if (f.type.kind === 'EnumType') {
            enumFields.push(f);
            enumPrefix.set(f, f.name.text);
            for (const v of f.type.values) {
              const key = symbolKey('enumValue', v.text, f.name.text);
              define({ key, kind: 'enumValue', name: v.text, nameRange: v.range, node: f, field: f });
            }
          }
          if (f.type.kind === 'ListType') {
            for (const e of f.type.fields) {
              define({ key: symbolKey('element', e.name.text, f.name.text), kind: 'element', name: e.name.text, nameRange: e.name.range, node: e, list: f });
              if (e.type.kind !== 'EnumType') continue;
              enumFields.push(e);
              const prefix = `${f.name.text}.${e.name.text}`;
              enumPrefix.set(e, prefix);
              for (const v of e.type.values) {
                const key = symbolKey('enumValue', v.text, prefix);
                define({ key, kind: 'enumValue', name: v.text, nameRange: v.range, node: e, field: e, list: f });
              }
            }
          }
        }
        break;
      case 'Let':
      case 'Param':
      case 'Group':
      case 'Program': {
        const kind = d.kind === 'Let' ? 'let' : d.kind === 'Param' ? 'param' : d.kind === 'Group' ? 'group' : 'program';
        define({ key: symbolKey(kind, d.name.text), kind, name: d.name.text, nameRange: d.name.range, node: d });
        break;
      }
      case 'Test':
        break;
      default:
        A.assertNever(d);
    }
  }

  /** The enum field an expression's values come from, to tell which `none` a bare `none` is. */
  const enumFieldOf = (e: A.Expression, depth = 0): A.FieldDeclaration | undefined => {
    if (depth > 20) return undefined;
    if (e.kind === 'Reference') {
      const r = checked.resolutions.get(e.id);
      if (r?.kind === 'field' || r?.kind === 'element') return r.decl.type.kind === 'EnumType' ? r.decl : undefined;
      if (r?.kind === 'let') return enumFieldOf(r.decl.value, depth + 1);
    }
    const t = checked.types.get(e.id);
    if (t?.kind === 'enum') {
      return enumFields.find((f) => f.type.kind === 'EnumType' && sameValues(f.type.values.map((v) => v.text), t.values));
    }
    return undefined;
  };
  const enumValueKey = (value: string, field: A.FieldDeclaration | undefined): string => {
    // Without context (an error elsewhere), the first field that lists the value is the best guess.
    const f = field ?? enumFields.find((x) => x.type.kind === 'EnumType' && x.type.values.some((v) => v.text === value));
    return symbolKey('enumValue', value, f ? enumPrefix.get(f) : undefined);
  };

  const expression = (e: A.Expression, enumContext?: A.FieldDeclaration): void => {
    switch (e.kind) {
      case 'Reference': {
        const r = checked.resolutions.get(e.id);
        if (!r) return;
        switch (r.kind) {
          case 'field':
            use(symbolKey('field', r.decl.name.text), e.range);
            return;
          case 'let':
            use(symbolKey('let', r.decl.name.text), e.range);
            return;
          case 'param':
            use(symbolKey('param', r.decl.name.text), e.range);
            return;
          case 'group':
            use(symbolKey('group', r.decl.name.text), e.range);
            return;
          case 'element':
            use(symbolKey('element', r.decl.name.text, r.list.name.text), e.range);
            return;
          case 'enumValue':
            use(enumValueKey(r.value, enumContext), e.range);
            return;
          default:
            A.assertNever(r);
        }
        return;
      }
      case 'Comparison': {
        const leftField = enumFieldOf(e.left);
        const rightField = enumFieldOf(e.right);
        expression(e.left, rightField);
        expression(e.right, leftField);
        return;
      }
      case 'In': {
        expression(e.value);
        const f = enumFieldOf(e.value);
        for (const item of e.items) expression(item, f);
        return;
      }
      case 'Number':
      case 'Duration':
      case 'Date':
      case 'Text':
      case 'Boolean':
      case 'ErrorExpression':
      case 'Call':
      case 'Not':
      case 'Negate':
      case 'Arithmetic':
      case 'Logical':
      case 'Between':
      case 'Is':
      case 'AtLeast':
      case 'Where':
      case 'Window':
        for (const c of A.childExpressions(e)) expression(c);
        return;
      default:
        A.assertNever(e);
    }
  };

  for (const d of checked.file.declarations) {
    switch (d.kind) {
      case 'Record':
        break;
      case 'Let':
      case 'Param':
        expression(d.value);
        break;
      case 'Group':
        expression(d.condition);
        break;
      case 'Program':
        for (const line of d.lines) expression(line.condition);
        break;
      case 'Test':
        for (const entry of d.given?.entries ?? []) {
          const field = checked.fields.get(entry.name.text);
          if (field) use(symbolKey('field', field.name.text), entry.name.range);
          const value = entry.value;
          if (value.kind !== 'ListLiteral') {
            expression(value, field?.type.kind === 'EnumType' ? field : undefined);
            continue;
          }
          // `forløb: [{ kind: jobklub, … }]`: the element fields of that list (§12).
          const elements = field?.type.kind === 'ListType' ? field.type.fields : [];
          for (const element of value.elements) {
            for (const en of element.entries) {
              const decl = elements.find((x) => x.name.text === en.name.text);
              if (decl && field) use(symbolKey('element', decl.name.text, field.name.text), en.name.range);
              if (en.value.kind !== 'ListLiteral') expression(en.value, decl?.type.kind === 'EnumType' ? decl : undefined);
            }
          }
        }
        for (const o of d.overrides) {
          if (checked.params.has(o.name.text)) use(symbolKey('param', o.name.text), o.name.range);
          expression(o.value);
        }
        for (const x of d.expectations) {
          const name = x.target.text;
          if (checked.groups.has(name)) use(symbolKey('group', name), x.target.range);
          else if (checked.programs.has(name)) use(symbolKey('program', name), x.target.range);
        }
        break;
      default:
        A.assertNever(d);
    }
  }

  occurrences.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const byKey = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const list = byKey.get(o.key);
    if (list) list.push(o);
    else byKey.set(o.key, [o]);
  }

  return {
    definitions,
    occurrences,
    at(offset) {
      // Binary search for the last occurrence starting at or before offset.
      let lo = 0;
      let hi = occurrences.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (occurrences[mid]!.range.start.offset <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      // A cursor between two adjacent names touches both; prefer the one it is inside.
      for (let i = found; i >= 0 && i >= found - 1; i--) {
        const o = occurrences[i]!;
        if (o.range.start.offset <= offset && offset <= o.range.end.offset) return o;
      }
      return undefined;
    },
    occurrencesOf(key) {
      return byKey.get(key) ?? [];
    },
  };
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
