// The options `visit compile --target sql` and `visit schema --target sql` share (§16): the
// dialect, the record table and the list tables, with one reading of `--list-table NAME=TABLE`.
import { UsageError } from './options';
import { help } from './words';

export const dialectOption = () => ({ describe: help().dialect, choices: ['postgres', 'duckdb'] as const, requiresArg: true });
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
    if (name === '' || table === '') throw new UsageError('--list-table expects NAME=TABLE (e.g. --list-table forløb=forloeb)');
    if (Object.hasOwn(out, name)) throw new UsageError(`--list-table ${name} is given twice`);
    out[name] = table;
  }
  return out;
}
