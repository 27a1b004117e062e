// The options `visit compile --target sql` and `visit schema --target sql` share (§16): the
// dialect, the record table and the list tables, with one reading of `--list-table NAME=TABLE`.
import { problem, UsageError } from './options';
import { help } from './words';

export const dialectOption = () => ({ describe: help().dialect, choices: ['postgres', 'duckdb', 'spark'] as const, requiresArg: true });
export const tableOption = () => ({ describe: help().table, type: 'string', requiresArg: true }) as const;
export const listTableOption = () =>
  ({
    describe: help().listTable,
    type: 'string',
    array: true,
    requiresArg: true,
  }) as const;

/** `--list-table NAME=TABLE` (repeatable) → list field → table. */
export function listTables(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    const table = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (name === '' || table === '') throw new UsageError(problem().listTableExpects);
    if (Object.hasOwn(out, name)) throw new UsageError(problem().givenTwice('--list-table', name));
    out[name] = table;
  }
  return out;
}

/** An SqlCompileError in the language main.ts chose: its detail where it has one, else its (English) message. */
export function sqlMessage(error: import('@visit/sql').SqlCompileError): string {
  const p = problem();
  const d = error.detail;
  if (d === undefined) return error.message;
  switch (d.problem) {
    case 'not-a-list':
      // "list known" columns are an option of the API only, not of the CLI.
      if (d.option !== 'list-table') return error.message;
      return d.lists.length === 0 ? p.sqlNoLists(JSON.stringify(d.name)) : p.sqlNotAList(JSON.stringify(d.name), d.lists.join(', '));
    case 'identifier-too-long':
      return p.sqlIdentifierTooLong(JSON.stringify(d.name), d.bytes);
    case 'column-twice':
      return p.sqlColumnTwice(JSON.stringify(d.name));
    case 'list-needs-key':
      return p.sqlListNeedsKey;
    case 'nul-in-text':
      return p.sqlNulInText;
    case 'as-of-field-not-a-date':
      return p.sqlAsOfFieldNotDate(JSON.stringify(d.name), d.dates.join(', ') || '—');
    case 'as-of-field-dated-versions':
      return p.sqlAsOfFieldDated(d.names.join(', '));
  }
}
