// Document symbols (the outline): the record and its fields, lets, params, groups, programs with
// their lines, and tests.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import * as A from '../ast';
import { toLspRange, type VisitDocument } from './document';
import { expressionText } from './text';

export function getDocumentSymbols(doc: VisitDocument): DocumentSymbol[] {
  const file = doc.checked.file;
  return file.declarations.map((d) => declarationSymbol(doc, d));
}

function symbol(name: string, detail: string, kind: SymbolKind, range: A.Range, selection: A.Range, children?: DocumentSymbol[]): DocumentSymbol {
  return {
    name: name === '' ? '(unnamed)' : name,
    detail,
    kind,
    range: toLspRange(range),
    selectionRange: toLspRange(selection),
    ...(children ? { children } : {}),
  };
}

function declarationSymbol(doc: VisitDocument, d: A.Declaration): DocumentSymbol {
  switch (d.kind) {
    case 'Record':
      return symbol(
        d.name.text,
        'record',
        SymbolKind.Struct,
        d.range,
        d.name.range,
        d.fields.map((f) =>
          f.type.kind === 'ListType'
            ? symbol(
                f.name.text,
                fieldDetail(doc, f),
                SymbolKind.Array,
                f.range,
                f.name.range,
                f.type.fields.map((e) => symbol(e.name.text, fieldDetail(doc, e), e.type.kind === 'EnumType' ? SymbolKind.Enum : SymbolKind.Field, e.range, e.name.range)),
              )
            : symbol(f.name.text, fieldDetail(doc, f), f.type.kind === 'EnumType' ? SymbolKind.Enum : SymbolKind.Field, f.range, f.name.range),
        ),
      );
    case 'Let':
      return symbol(d.name.text, `let = ${expressionText(doc.text, d.value, 80, doc.checked.personal)}`, SymbolKind.Variable, d.range, d.name.range);
    case 'Param':
      return symbol(d.name.text, `param = ${expressionText(doc.text, d.value, 80, doc.checked.personal)}`, SymbolKind.Constant, d.range, d.name.range);
    case 'Group':
      return symbol(d.name.text, d.label?.value ?? 'group', SymbolKind.Boolean, d.range, d.name.range);
    case 'Program':
      return symbol(
        d.name.text,
        d.label?.value ?? 'program',
        SymbolKind.Module,
        d.range,
        d.name.range,
        d.lines.map((l) => symbol(`${l.mode} ${expressionText(doc.text, l.condition, 80, doc.checked.personal)}`, l.label?.value ?? '', SymbolKind.Event, l.range, l.condition.range)),
      );
    case 'Test':
      return symbol(d.title.value, 'test', SymbolKind.Method, d.range, d.title.range);
    default:
      return A.assertNever(d);
  }
}

function fieldDetail(doc: VisitDocument, f: A.FieldDeclaration): string {
  const type = doc.text.slice(f.type.range.start.offset, f.type.range.end.offset).replace(/\s+/g, ' ');
  const mods = f.modifiers.map((m) => m.modifier).join(' ');
  return mods ? `${type} ${mods}` : type;
}
