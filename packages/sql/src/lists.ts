// The list-table options name list fields of the record (§12). A name that is not one — a typo
// such as `forlob` for `forløb` — would otherwise be ignored, and the list read from a table named
// like the field: refused instead, naming the record's list fields.
import type { CheckedFile } from '@visit/dsl';
import { recordInfo } from '@visit/engine';
import { SqlCompileError } from './dialect';

export function checkListNames(
  checked: CheckedFile,
  options: { listTables?: Readonly<Record<string, string>> | undefined; listKnown?: Readonly<Record<string, string>> | undefined },
): void {
  const lists = recordInfo(checked).fields.filter((f) => f.type.kind === 'list').map((f) => f.name);
  const known = new Set(lists);
  for (const [what, option, names] of [
    ['a list table', 'list-table', Object.keys(options.listTables ?? {})],
    ['a "list known" column', 'list-known', Object.keys(options.listKnown ?? {})],
  ] as const) {
    for (const name of names) {
      if (known.has(name)) continue;
      const have = lists.length === 0 ? 'the record has no list fields' : `its list fields: ${lists.join(', ')}`;
      throw new SqlCompileError(`${what} is given for ${JSON.stringify(name)}, which is not a list field of the record (${have})`, { problem: 'not-a-list', option, name, lists });
    }
  }
}
