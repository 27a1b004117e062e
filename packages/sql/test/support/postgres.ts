// A throw-away PostgreSQL cluster for the tests: Debian's server binaries (/usr/lib/postgresql/N/bin),
// `initdb` in a temporary directory as the unprivileged user `nobody` (initdb refuses root), the
// server on a Unix socket in that directory only (no TCP), trust authentication; `stop()` shuts it
// down and removes the directory. If no server can be started, `startPostgres` throws with the
// reason — the tests fail, they are never skipped. Data goes in through `COPY … FROM STDIN` (CSV),
// never spliced into SQL; results come back through psql's CSV output.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CheckedFile } from '@visit/dsl';
import { recordInfo } from '@visit/engine';
import { createTables } from '../../src/index';

export interface Postgres {
  /** Runs SQL (statements separated by `;`); returns psql's CSV output. */
  sql(text: string): string;
  /** `COPY table (columns) FROM STDIN WITH (FORMAT csv)` with `csv` as the data (to its end). */
  copy(table: string, columns: readonly string[], csv: string): void;
  /** Rows of a query as objects (psql CSV: booleans t/f, NULL empty). */
  query(text: string): Record<string, string>[];
  /** A connection URI for clients (`pg`, `visit screen --engine postgres`): the socket directory as host. */
  url: string;
  stop(): void;
}

function bin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (apt-get install -y postgresql)');
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0]!, 'bin');
}

function asNobody(command: string[]): { status: number | null; stdout: string; stderr: string } {
  const isRoot = process.getuid?.() === 0;
  const argv = isRoot ? ['runuser', '-u', 'nobody', '--', ...command] : command;
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

export function startPostgres(): Postgres {
  const b = bin();
  const dir = mkdtempSync(join(tmpdir(), 'visit-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  const data = join(dir, 'data');
  const init = asNobody([join(b, 'initdb'), '-D', data, '-U', 'visit', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (status ${init.status}): ${init.stderr}`);
  }
  const start = asNobody([join(b, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses='' -c unix_socket_directories='${dir}' -c fsync=off -c port=5432`, 'start']);
  const stop = () => {
    asNobody([join(b, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  if (start.status !== 0) {
    stop();
    throw new Error(`the PostgreSQL server did not start (status ${start.status}): ${start.stderr}${start.stdout}`);
  }
  const psql = (args: string[], input: string): string => {
    const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--csv', '-h', dir, '-p', '5432', '-U', 'visit', '-d', 'postgres', ...args], {
      encoding: 'utf8',
      input,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
    return r.stdout;
  };
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const sql = (text: string): string => psql(['-f', '-'], text);
  return {
    sql,
    copy: (table, columns, csv) => {
      psql(['-c', `COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN WITH (FORMAT csv)`], csv);
    },
    query: (text) => parse(sql(text), { columns: true, skip_empty_lines: true }) as Record<string, string>[],
    url: `postgresql://visit@localhost:5432/postgres?host=${encodeURIComponent(dir)}`,
    stop,
  };
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `"${String(v).replaceAll('"', '""')}"`;
}

export interface Tables {
  table: string;
  listTables: Record<string, string>;
  listKnown: Record<string, string>;
}

type Row = Readonly<Record<string, unknown>>;

/** (Re)creates the tables and loads the typed records through COPY … FROM STDIN (CSV). */
export function loadPostgres(pg: Postgres, checked: CheckedFile, tables: Tables, records: readonly Row[]): void {
  const info = recordInfo(checked);
  const key = info.keyField!;
  const drops = [tables.table, ...Object.values(tables.listTables)].map((t) => `DROP TABLE IF EXISTS ${q(t)};`).join('\n');
  pg.sql(`${drops}\n${createTables(checked, { dialect: 'postgres', ...tables }).join(';\n')};`);
  const main: string[] = [];
  for (const f of info.fields) {
    if (f.type.kind !== 'list') main.push(f.name);
    else if (tables.listKnown[f.name] !== undefined) main.push(tables.listKnown[f.name]!);
  }
  const copy = (table: string, cols: string[], rows: Row[]) => {
    if (rows.length > 0) pg.copy(table, cols, `${rows.map((r) => cols.map((c) => cell(r[c])).join(',')).join('\n')}\n`);
  };
  copy(
    tables.table,
    main,
    records.map((r) => {
      const row: Record<string, unknown> = { ...r };
      for (const [list, col] of Object.entries(tables.listKnown)) row[col] = Array.isArray(r[list]);
      return row;
    }),
  );
  for (const f of info.fields) {
    if (f.type.kind !== 'list') continue;
    const cols = [key, ...f.type.fields.map((e) => e.name)];
    copy(tables.listTables[f.name] ?? f.name, cols, records.flatMap((r) => (Array.isArray(r[f.name]) ? (r[f.name] as Row[]).map((e) => ({ ...e, [key]: r[key] })) : [])));
  }
}
