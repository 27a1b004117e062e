// Go to definition, find references, and rename (of a group, param, let, or a field of a list's
// elements: its uses in that list's where conditions and given lists, LANGUAGE.md §12).
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { keywordSet } from '../syntax/tokens';
import { toLspRange, type VisitDocument } from './document';

export function getDefinition(doc: VisitDocument, position: Position): Location[] {
  const occurrence = doc.index.at(doc.offsetAt(position));
  const def = occurrence && doc.index.definitions.get(occurrence.key);
  return def ? [{ uri: doc.uri, range: toLspRange(def.nameRange) }] : [];
}

export function getReferences(doc: VisitDocument, position: Position, options: { includeDeclaration: boolean } = { includeDeclaration: true }): Location[] {
  const occurrence = doc.index.at(doc.offsetAt(position));
  if (!occurrence) return [];
  return doc.index
    .occurrencesOf(occurrence.key)
    .filter((o) => options.includeDeclaration || o.role === 'reference')
    .map((o) => ({ uri: doc.uri, range: toLspRange(o.range) }));
}

const renamable = new Set(['group', 'param', 'let', 'element']);
const namePattern = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

export function prepareRename(doc: VisitDocument, position: Position): PrepareRenameResult {
  const occurrence = doc.index.at(doc.offsetAt(position));
  const def = occurrence && doc.index.definitions.get(occurrence.key);
  if (!occurrence || !def) return { error: 'Put the cursor on the name of a group, param or let to rename it.' };
  if (!renamable.has(def.kind)) {
    const why =
      def.kind === 'field' || def.kind === 'enumValue'
        ? 'its name is what the records use, so it is renamed in the data first'
        : 'only groups, params and lets can be renamed';
    return { error: `'${def.name}' is a ${def.kind === 'enumValue' ? 'value' : def.kind}: ${why}.` };
  }
  return { range: toLspRange(occurrence.range), placeholder: def.name };
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

/** Renames the group, param or let under the cursor everywhere in the file, or says why not. */
export function rename(doc: VisitDocument, position: Position, newName: string): RenameResult {
  const prepared = prepareRename(doc, position);
  if ('error' in prepared) return prepared;
  const occurrence = doc.index.at(doc.offsetAt(position))!;
  const def = doc.index.definitions.get(occurrence.key)!;
  const problem = def.kind === 'element' && def.list ? elementNameProblem(doc, newName, def.name, def.list.name.text) : nameProblem(doc, newName, def.name);
  if (problem) return { error: problem };
  const edits: TextEdit[] = doc.index.occurrencesOf(occurrence.key).map((o) => ({ range: toLspRange(o.range), newText: newName }));
  return { edit: { changes: { [doc.uri]: newName === def.name ? [] : edits } } };
}

/**
 * A field of a list's elements: the new name may not be another field of those elements, nor a
 * declared name or an enum value (inside `where` the element's field would then hide it).
 */
function elementNameProblem(doc: VisitDocument, name: string, current: string, list: string): string | undefined {
  if (name === current) return undefined;
  if (doc.index.definitions.has(`element:${list}:${name}`)) return `'${name}' is already a field of the elements of '${list}'.`;
  return nameProblem(doc, name, current);
}

function nameProblem(doc: VisitDocument, name: string, current: string): string | undefined {
  if (name === current) return undefined;
  if (!namePattern.test(name)) return `'${name}' is not a name: use a letter or '_', then letters, digits or '_'.`;
  if (keywordSet.has(name)) return `'${name}' is a keyword and cannot be a name.`;
  const c = doc.checked;
  const taken = c.fields.get(name) ?? c.lets.get(name) ?? c.params.get(name) ?? c.groups.get(name) ?? c.programs.get(name);
  if (taken || c.record?.name.text === name) return `'${name}' is already declared in this file.`;
  // A bare enum value with that name would then mean the renamed declaration instead.
  for (const def of doc.index.definitions.values()) {
    if (def.kind === 'enumValue' && def.name === name) return `'${name}' is a value of ${def.field?.name.text ?? 'an enum'}; choose another name.`;
  }
  return undefined;
}
