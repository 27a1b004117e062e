// Shared by the CLI tests that check `visit compile` documents: groups and programmes of a record
// computed from the document with json-logic-js (the reference implementation) and the host loop
// the README documents — written here from the documentation, independent of the engine's own
// `outcomeFromJsonLogic`.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './cli-support';

// json-logic-js is the engine package's dependency; resolve it from there.
export const jsonLogic = createRequire(join(ROOT, 'packages', 'engine', 'package.json'))('json-logic-js') as {
  apply(logic: unknown, data: unknown): unknown;
};

export interface Criterion {
  holds: unknown;
  fails: unknown;
}
export interface Document {
  layout: 'inline' | 'referenced';
  order?: string[];
  lets?: Record<string, { var: string } & (Criterion | { value: unknown })>;
  groups: Record<string, Criterion & { var?: string }>;
  programs: Record<string, { lines: (Criterion & { kind: 'require' | 'exclude' })[] }>;
}

/** Groups and programmes from a `visit compile` document with json-logic-js; for the referenced
 *  layout, each name in `order` is filled in first (a condition as true/false/null). */
export function fromJsonLogic(doc: Document, record: Record<string, unknown>) {
  // Missing fields read as null whatever the record's prototype has (language-decisions.md).
  const data: Record<string, unknown> = Object.assign(Object.create(null) as object, record);
  const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !!v);
  const value = (c: Criterion) => {
    const holds = truthy(jsonLogic.apply(c.holds, data));
    const fails = truthy(jsonLogic.apply(c.fails, data));
    if (holds && fails) throw new Error(`holds and fails both truthy: ${JSON.stringify(c)}`);
    return holds ? true : fails ? false : null;
  };
  if (doc.layout === 'referenced') {
    const entries = new Map<string, Criterion | { value: unknown }>();
    for (const l of Object.values(doc.lets ?? {})) entries.set(l.var, l);
    for (const g of Object.values(doc.groups)) entries.set(g.var!, g);
    for (const name of doc.order!) {
      const e = entries.get(name)!;
      data[name] = 'value' in e ? jsonLogic.apply(e.value, data) : value(e);
    }
  }
  const groups = Object.fromEntries(Object.entries(doc.groups).map(([name, g]) => [name, value(g)]));
  const programs = Object.fromEntries(
    Object.entries(doc.programs).map(([name, p]) => {
      const vs = p.lines.map((l) => ({ exclude: l.kind === 'exclude', v: value(l) }));
      return [name, vs.some((l) => l.v !== null && l.v === l.exclude) ? 'ineligible' : vs.every((l) => l.v !== null) ? 'eligible' : 'undetermined'];
    }),
  );
  return { groups, programs };
}
