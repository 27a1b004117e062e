// Completion knows the context: tables of a source with a <|> cursor → what is offered (and not).
import { describe, expect, it } from 'vitest';
import { getCompletions } from '../src/service';
import { atCursor } from '../src/service/testing';

const rules = `record Citizen {
  cpr:        text key personal "CPR-nummer"
  birth_date: date              "Fødselsdato"
  benefit:    one of (dagpenge, kontanthjaelp, sygedagpenge) "Ydelse"
  literacy:   integer 1..5 optional
  motivated:  boolean
}

let age = age_of(birth_date)
param min_læs = 3 "Mindste læseniveau"

group seniorer "50 år eller derover" =
  age >= 50 years

program jobklub "Jobklub" {
  require benefit = dagpenge
}
`;

function labels(sourceWithCursor: string): string[] {
  const { doc, position } = atCursor(sourceWithCursor);
  return getCompletions(doc, position).items.map((i) => i.label);
}

const enumValues = ['dagpenge', 'kontanthjaelp', 'sygedagpenge'];
const expressionNames = ['cpr', 'birth_date', 'benefit', 'literacy', 'motivated', 'age', 'min_læs', 'seniorer', 'age_of', 'time_since'];

describe('completion', () => {
  it.each<[string, string, string[], string[]]>([
    ["the enum's values after =", `${rules}group g =\n  benefit = <|>`, enumValues, ['literacy', 'and', 'not']],
    ["the enum's values after !=", `${rules}group g =\n  benefit != <|>`, enumValues, ['cpr']],
    ["the enum's values after in (", `${rules}group g =\n  benefit in (<|>`, enumValues, ['cpr']],
    ["the enum's values later in the list", `${rules}group g =\n  benefit not in (dagpenge, <|>`, enumValues, ['not']],
    ['the values while typing one', `${rules}group g =\n  benefit = dag<|>`, enumValues, ['cpr']],
    ['names where an expression starts', `${rules}group g =\n  <|>`, expressionNames, ['jobklub', 'dagpenge', 'record']],
    ['names after and', `${rules}group g =\n  motivated and <|>`, [...expressionNames, 'not'], ['jobklub']],
    ['not the group being declared (a cycle)', `${rules}group g =\n  motivated and <|>`, ['seniorer'], ['g']],
    ['names in a program line', `${rules}program p {\n  require <|>\n}`, ['benefit', 'seniorer', 'min_læs'], ['jobklub']],
    ['units after a number', `${rules}group g =\n  age >= 30 <|>`, ['days', 'weeks', 'months', 'years'], ['day']],
    ['singular units after 1', `${rules}group g =\n  age >= 1 <|>`, ['day', 'week', 'month', 'year'], ['days']],
    ['operators after a value', `${rules}group g =\n  literacy <|>`, ['and', 'or', 'between', 'in', 'not in', 'is known', 'is missing'], ['cpr']],
    ['declaration keywords at the start of a line', `${rules}<|>`, ['let', 'param', 'group', 'program', 'test'], ['record', 'cpr', 'and']],
    ['declaration keywords after a finished group', `${rules}group g =\n  motivated\n<|>`, ['let', 'group', 'and', 'or'], []],
    ['no declaration keywords in the middle of a line', `${rules}group g =\n  motivated <|>`, ['and', 'or'], ['let', 'group']],
    ['record when the file has none', 'let a = 1\n<|>', ['record', 'let'], []],
    ['require and exclude at the start of a program line', `${rules}program p {\n  <|>\n}`, ['require', 'exclude'], ['let', 'cpr']],
    ['types after a field name', 'record R {\n  a: <|>\n}', ['text', 'date', 'boolean', 'number', 'integer', 'one of (…)'], ['optional', 'cpr']],
    ['modifiers after a type', 'record R {\n  a: date <|>\n}', ['optional', 'key', 'personal'], ['text', 'in']],
    ['a unit or modifiers after a number type', 'record R {\n  a: integer 0..520 <|>\n}', ['in', 'optional', 'key', 'personal'], ['text']],
    ['units after in in a record', 'record R {\n  a: integer in <|>\n}', ['days', 'weeks', 'months', 'years'], ['optional']],
    ['no names where a new field is named', 'record R {\n  a: date\n  <|>\n}', ['optional'], ['a', 'let']],
    ['groups and programs after expect', `${rules}test "t" {\n  expect <|>\n}`, ['seniorer', 'jobklub', 'not'], ['benefit', 'age']],
    ["a program's outcomes after expect program", `${rules}test "t" {\n  expect jobklub <|>\n}`, ['eligible', 'ineligible', 'undetermined'], ['unknown']],
    ["a group's unknown after expect group", `${rules}test "t" {\n  expect seniorer <|>\n}`, ['unknown'], ['eligible']],
    ['test lines at the start of a line', `${rules}test "t" {\n  <|>\n}`, ['as of', 'given { … }', 'with', 'expect'], ['require']],
    ['fields not yet given', `${rules}test "t" {\n  given { cpr: "1", <|> }\n}`, ['birth_date', 'benefit', 'literacy'], ['cpr', 'age']],
    ["an enum field's values in given", `${rules}test "t" {\n  given { benefit: <|> }\n}`, enumValues, ['cpr']],
    ['true and false for a boolean field in given', `${rules}test "t" {\n  given { motivated: <|> }\n}`, ['true', 'false'], ['cpr']],
    ['params after with', `${rules}test "t" {\n  with <|>\n}`, ['min_læs'], ['age', 'cpr']],
    ['nothing in a comment', `${rules}// benefit = <|>`, [], ['dagpenge', 'let']],
    ['nothing in a text', `${rules}group g "Some <|>" =\n  motivated`, [], ['cpr', 'let']],
    ['nothing while typing a number', `${rules}group g =\n  age >= 3<|>`, [], ['days']],
  ])('%s', (_name, source, offered, notOffered) => {
    const got = labels(source);
    for (const label of offered) expect(got, `offers ${label}`).toContain(label);
    for (const label of notOffered) expect(got, `does not offer ${label}`).not.toContain(label);
    if (offered.length === 0) expect(got).toEqual([]);
  });

  it('replaces the word being typed', () => {
    const { doc, position } = atCursor(`${rules}group g =\n  benefit = dag<|>`);
    const item = getCompletions(doc, position).items.find((i) => i.label === 'dagpenge');
    expect(item?.textEdit).toEqual({ range: { start: { line: position.line, character: position.character - 3 }, end: position }, newText: 'dagpenge' });
  });

  it('describes fields with their type and label', () => {
    const { doc, position } = atCursor(`${rules}group g =\n  <|>`);
    const item = getCompletions(doc, position).items.find((i) => i.label === 'benefit');
    expect(item).toMatchObject({ detail: 'field: one of (dagpenge, kontanthjaelp, sygedagpenge)', documentation: 'Ydelse' });
  });
});
