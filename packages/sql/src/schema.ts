// The tables a compiled SELECT reads (LANGUAGE.md §16): the record table, one column per scalar
// field (and a BOOLEAN "list known" column per list given in `listKnown`), and one table per list
// field (§12): the key column, then the element's fields.
import { check, type CheckedFile } from '@visit/dsl';
import { recordInfo, type ScalarType } from '@visit/engine';
import { dialectOf, SqlCompileError, type Dialect, type SqlDialectName } from './dialect';
import { checkListNames } from './lists';

export interface SqlSchemaOptions {
  dialect: SqlDialectName;
  table?: string;
  listTables?: Readonly<Record<string, string>>;
  listKnown?: Readonly<Record<string, string>>;
}

function columnType(t: ScalarType, d: Dialect): string {
  switch (t.kind) {
    case 'text':
    case 'enum':
      return d.textType;
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return d.double;
    default: {
      const never: never = t;
      throw new SqlCompileError(`unknown field type ${JSON.stringify(never)}`);
    }
  }
}

/** `CREATE TABLE` statements for the record and its lists, one per entry. */
export function createTables(rules: CheckedFile | string, options: SqlSchemaOptions): string[] {
  const checked = typeof rules === 'string' ? check(rules) : rules;
  const d = dialectOf(options.dialect);
  checkListNames(checked, options);
  const info = recordInfo(checked);
  const key = info.keyField;
  const main: string[] = [];
  const lists: string[] = [];
  for (const f of info.fields) {
    if (f.type.kind === 'list') {
      if (key === undefined) throw new SqlCompileError('list fields need a key field', { problem: 'list-needs-key' });
      const keyType = info.fields.find((x) => x.name === key)!.type as ScalarType;
      const cols = [`${d.ident(key)} ${columnType(keyType, d)} NOT NULL`, ...f.type.fields.map((e) => `${d.ident(e.name)} ${columnType(e.type, d)}`)];
      lists.push(`CREATE TABLE ${d.table(options.listTables?.[f.name] ?? f.name)} (${cols.join(', ')})`);
      const known = options.listKnown?.[f.name];
      if (known !== undefined) main.push(`${d.ident(known)} BOOLEAN`);
      continue;
    }
    main.push(`${d.ident(f.name)} ${columnType(f.type, d)}${f.key && d.primaryKey ? ' PRIMARY KEY' : ''}`);
  }
  return [`CREATE TABLE ${d.table(options.table ?? 'citizens')} (${main.join(', ')})`, ...lists];
}
