// Words for types and units in diagnostics, in the policy analyst's terms.
import type { Unit } from '../ast';
import type { Type } from './types';

export function describeType(t: Type): string {
  switch (t.kind) {
    case 'boolean':
      return 'a condition (true or false)';
    case 'text':
      return 'a text';
    case 'date':
      return 'a date';
    case 'number':
      if (t.unit) return `a number of ${t.unit}`;
      return t.integer ? 'a whole number' : 'a number';
    case 'enum':
      return `one of (${t.values.join(', ')})`;
    case 'calendar':
      return 'a span of time on the calendar';
    case 'list':
      return `a list of ${t.period ? 'periods' : 'elements'} (${[...t.fields.keys()].join(', ')})`;
    case 'enumValue':
      return `the name '${t.value}'`;
    case 'error':
      return 'an invalid expression';
  }
}

/** Units that convert exactly into each other: days↔weeks and months↔years. */
export function unitFamily(u: Unit): 'days' | 'months' {
  return u === 'days' || u === 'weeks' ? 'days' : 'months';
}

/** The smaller unit of an exactly convertible pair. */
export function smallerUnit(a: Unit, b: Unit): Unit {
  if (a === b) return a;
  return unitFamily(a) === 'days' ? 'days' : 'months';
}

/** How many of `to` make one `from` (7 days in a week, 12 months in a year), for convertible units. */
export function unitFactor(from: Unit, to: Unit): number {
  if (from === to) return 1;
  if (from === 'weeks' && to === 'days') return 7;
  if (from === 'years' && to === 'months') return 12;
  return NaN;
}

const daysPer: Record<Unit, number> = { days: 1, weeks: 7, months: 365.25 / 12, years: 365.25 };

/** `amount from` expressed (approximately) in `to`, rounded, for suggestions only. */
export function approximately(amount: number, from: Unit, to: Unit): number {
  return Math.round((amount * daysPer[from]) / daysPer[to]);
}

export function singularOrPlural(n: number, u: Unit): string {
  return `${n} ${n === 1 ? u.slice(0, -1) : u}`;
}
