// Hover: a table of a source with a <|> cursor → what the hover says.
import { describe, expect, it } from 'vitest';
import { getHover } from '../src/service';
import { atCursor, textAt } from '../src/service/testing';

const rules = `record Citizen {
  cpr:              text key personal "CPR-nummer"
  birth_date:       date              "Fødselsdato"
  benefit:          one of (dagpenge, kontanthjaelp) "Ydelse"
  literacy:         integer 1..5 optional "Læseniveau (FVU-trin)"
  weeks_unemployed: integer 0..520 in weeks optional
}

let age = age_of(birth_date)
param min_ledighed = 6 months "Mindste ledighedsanciennitet"

group seniorer "50 år eller derover" =
  age >= 50 years

program jobklub "Hovedvej 1 – Jobklub" {
  require benefit = dagpenge "Projektet er for dagpengemodtagere"
  require seniorer
}
`;

function hoverText(source: string, params?: Record<string, string>): string {
  const { doc, position } = atCursor(source, params ? { params } : {});
  const h = getHover(doc, position);
  if (!h) return '';
  const c = h.contents;
  return typeof c === 'object' && 'value' in c ? c.value : JSON.stringify(c);
}

const at = (word: string, nth = 1, shift = 1) => {
  let i = -1;
  for (let n = 0; n < nth; n++) i = rules.indexOf(word, i + 1);
  if (i < 0) throw new Error(`'${word}' is not in the rules`);
  return rules.slice(0, i + shift) + '<|>' + rules.slice(i + shift);
};

describe('hover', () => {
  it.each<[string, string, string[]]>([
    ["a field's type, range and label", at('literacy:'), ['literacy: integer 1..5 optional', '**Læseniveau (FVU-trin)**', 'Range: 1 to 5', 'Optional']],
    ["a field's unit", at('weeks_unemployed'), ['Unit: weeks', 'Range: 0 to 520']],
    ['a personal key field', at('cpr'), ['cpr: text key personal', 'Key:', 'Personal: its value is never shown']],
    ["an enum field's values", at('benefit = '), ['benefit: one of (dagpenge, kontanthjaelp)', '**Ydelse**']],
    ["a group's label and definition", at('seniorer', 2), ['group seniorer', '**50 år eller derover**', 'age >= 50 years']],
    ["a group at its declaration", at('seniorer', 1), ['group seniorer', '**50 år eller derover**']],
    ["a program's label and lines", at('jobklub'), ['program jobklub', '**Hovedvej 1 – Jobklub**', '`require benefit = dagpenge` — Projektet er for dagpengemodtagere', '`require seniorer`']],
    ["a param's value and label", at('min_ledighed'), ['param min_ledighed = 6 months', '**Mindste ledighedsanciennitet**', 'Value: 6 months']],
    ["a let's definition and type", at('age >='), ['let age = age_of(birth_date)', 'Type: a span of time on the calendar']],
    ["an enum value's enum", at('dagpenge "'), ['dagpenge', 'A value of **benefit** (Ydelse): one of (dagpenge, kontanthjaelp)']],
    ['a calendar function', at('age_of'), ['age_of(date)', '29 February']],
  ])('%s', (_name, source, expected) => {
    const text = hoverText(source);
    for (const part of expected) expect(text).toContain(part);
  });

  it("shows a param's overridden value for the run", () => {
    expect(hoverText(at('min_ledighed'), { min_ledighed: '4 months' })).toContain('Value in this run: **4 months** (declared 6 months)');
  });

  it.each([
    ['white space', rules.replace('require seniorer', 'require seniorer <|>')],
    ['a keyword', rules.replace('require seniorer', 'req<|>uire seniorer')],
    ['a label', rules.replace('"Ydelse"', '"Yd<|>else"')],
  ])('says nothing over %s', (_name, source) => {
    expect(hoverText(source)).toBe('');
  });

  it('covers the name it describes', () => {
    const { doc, position } = atCursor(at('seniorer', 2, 3));
    const h = getHover(doc, position);
    expect(h?.range && textAt(doc, h.range)).toBe('seniorer');
  });
});
