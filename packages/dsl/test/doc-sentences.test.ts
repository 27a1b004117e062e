// visit doc (issue 15 §2): every expression form of LANGUAGE.md §4–§15 as a requirement sentence, in
// Danish and in English. Field names by their labels, params with their value on the day, groups by
// their labels; exclude lines and `not` said the other way round ("skal være højst 3", not "må ikke
// være over 3"); Danish spellings give the same sentences as the English ones.
import { describe, expect, it } from 'vitest';
import { check, requirementSentence, statement, type CheckedFile } from '../src/index';

const RULES = `record Citizen {
  cpr:        text key personal "CPR-nummer"
  birth_date: date "Fødselsdato"
  since:      date optional "Ledig siden"
  benefit:    one of (dagpenge, kontanthjaelp, uddannelseshjaelp) "Ydelse"
  literacy:   integer 1..5 optional "Læseniveau"
  hours:      number 0..37
  motivated:  boolean "Ønsker selv at deltage"
  uger_ydelse: integer in weeks optional "Uger på ydelse"
  henvist:    date optional "Henvist"
  visiteret:  date optional "Visiteret"
  forløb:     list of { kind: one of (dagpenge, jobklub) optional "Type", start: date "Start", end: date optional "Slut" } optional "Forløb"
  samtaler:   list of { dato: date "Dato", form: one of (individuel, gruppe) "Samtaleform" } optional "Samtaler"
}
let age = age_of(birth_date)
let ventetid = time_between(henvist, visiteret)
param min_læs = 3 "Mindste læseniveau"
param max_praktik = 8 weeks
param max_praktik = 4 weeks from 2017-01-01
group unge "Under 30" = age < 30 years
group ældre = age >= 50 years
`;

function checkedLine(line: string): { checked: CheckedFile } {
  const checked = check(`${RULES}program p {\n  ${line}\n}\n`);
  expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return { checked };
}

function sentences(line: string, asOf: string | null = '2026-11-23'): { da: string; en: string } {
  const { checked } = checkedLine(line);
  const requirement = checked.programs.get('p')!.lines[0]!;
  const at = asOf === null ? {} : { asOf };
  return { da: requirementSentence(requirement, { lang: 'da', checked, ...at }), en: requirementSentence(requirement, { lang: 'en', checked, ...at }) };
}

describe('visit doc: a requirement line as a sentence', () => {
  it.each([
    ['require benefit = dagpenge', '«Ydelse» skal være dagpenge.', '“Ydelse” must be dagpenge.'],
    ['require benefit != dagpenge', '«Ydelse» må ikke være dagpenge.', '“Ydelse” must not be dagpenge.'],
    ['require literacy >= min_læs', '«Læseniveau» skal være mindst 3 (min_læs).', '“Læseniveau” must be at least 3 (min_læs).'],
    ['require literacy < 3', '«Læseniveau» skal være under 3.', '“Læseniveau” must be less than 3.'],
    ['require literacy <= 3', '«Læseniveau» skal være højst 3.', '“Læseniveau” must be at most 3.'],
    ['exclude literacy > 3', '«Læseniveau» skal være højst 3.', '“Læseniveau” must be at most 3.'],
    ['require hours >= 15', 'Hours skal være mindst 15.', 'Hours must be at least 15.'],
    ['require 2.5 < hours', 'Hours skal være over 2,5.', 'Hours must be more than 2.5.'],
    ['require birth_date < 1990-01-01', '«Fødselsdato» skal være før 1. januar 1990.', '“Fødselsdato” must be before 1 January 1990.'],
    ['exclude birth_date >= 1990-01-01', '«Fødselsdato» skal være før 1. januar 1990.', '“Fødselsdato” must be before 1 January 1990.'],
    ['require age between 30 years and 49 years', 'Borgerens alder skal være mellem 30 og 49 år.', 'The citizen\'s age must be between 30 and 49 years.'],
    ['exclude literacy between 2 and 4', '«Læseniveau» må ikke være mellem 2 og 4.', '“Læseniveau” must not be between 2 and 4.'],
    ['require benefit in (dagpenge, kontanthjaelp)', '«Ydelse» skal være dagpenge eller kontanthjaelp.', '“Ydelse” must be dagpenge or kontanthjaelp.'],
    ['require benefit not in (dagpenge, kontanthjaelp)', '«Ydelse» må ikke være dagpenge eller kontanthjaelp.', '“Ydelse” must be neither dagpenge nor kontanthjaelp.'],
    ['require benefit not in (dagpenge, kontanthjaelp, uddannelseshjaelp)', '«Ydelse» må ikke være dagpenge, kontanthjaelp eller uddannelseshjaelp.', '“Ydelse” must be none of dagpenge, kontanthjaelp and uddannelseshjaelp.'],
    ['require literacy is known', '«Læseniveau» skal være oplyst.', '“Læseniveau” must be recorded.'],
    ['require literacy is missing', '«Læseniveau» må ikke være oplyst.', '“Læseniveau” must not be recorded.'],
    ['require motivated', '«Ønsker selv at deltage» skal være ja.', '“Ønsker selv at deltage” must be yes.'],
    ['require not motivated', '«Ønsker selv at deltage» skal være nej.', '“Ønsker selv at deltage” must be no.'],
    ['require motivated = false', '«Ønsker selv at deltage» skal være nej.', '“Ønsker selv at deltage” must be no.'],
    ['require motivated and benefit = dagpenge', '«Ønsker selv at deltage» skal være ja og «Ydelse» skal være dagpenge.', '“Ønsker selv at deltage” must be yes and “Ydelse” must be dagpenge.'],
    ['require motivated or literacy >= 3', 'Det skal gælde, at «Ønsker selv at deltage» er ja eller «Læseniveau» er mindst 3.', 'It must be the case that “Ønsker selv at deltage” is yes or “Læseniveau” is at least 3.'],
    ['require benefit = dagpenge and (motivated or literacy >= 3)', '«Ydelse» skal være dagpenge og det skal gælde, at «Ønsker selv at deltage» er ja eller «Læseniveau» er mindst 3.', '“Ydelse” must be dagpenge and it must be the case that “Ønsker selv at deltage” is yes or “Læseniveau” is at least 3.'],
    ['require motivated or (benefit = dagpenge and literacy >= 3)', 'Det skal gælde, at «Ønsker selv at deltage» er ja eller både «Ydelse» er dagpenge og «Læseniveau» er mindst 3.', 'It must be the case that “Ønsker selv at deltage” is yes or both “Ydelse” is dagpenge and “Læseniveau” is at least 3.'],
    ['require not (benefit = dagpenge and motivated)', 'Det må ikke gælde, at «Ydelse» er dagpenge og «Ønsker selv at deltage» er ja.', 'It must not be the case that “Ydelse” is dagpenge and “Ønsker selv at deltage” is yes.'],
    ['exclude benefit = dagpenge and motivated', 'Det må ikke gælde, at «Ydelse» er dagpenge og «Ønsker selv at deltage» er ja.', 'It must not be the case that “Ydelse” is dagpenge and “Ønsker selv at deltage” is yes.'],
    ['exclude benefit = dagpenge or motivated', '«Ydelse» må ikke være dagpenge og «Ønsker selv at deltage» skal være nej.', '“Ydelse” must not be dagpenge and “Ønsker selv at deltage” must be no.'],
    ['require at least 2 of (motivated, literacy >= 3, hours >= 10)', 'Mindst 2 af følgende skal gælde: («Ønsker selv at deltage» er ja; «Læseniveau» er mindst 3; hours er mindst 10).', 'At least 2 of the following must hold: (“Ønsker selv at deltage” is yes; “Læseniveau” is at least 3; hours is at least 10).'],
    ['exclude at least 2 of (motivated, literacy >= 3, hours >= 10)', 'Højst 1 af følgende må gælde: («Ønsker selv at deltage» er ja; «Læseniveau» er mindst 3; hours er mindst 10).', 'At most 1 of the following may hold: (“Ønsker selv at deltage” is yes; “Læseniveau” is at least 3; hours is at least 10).'],
    ['require mindst 2 af (motivated, literacy >= 3, hours >= 10)', 'Mindst 2 af følgende skal gælde: («Ønsker selv at deltage» er ja; «Læseniveau» er mindst 3; hours er mindst 10).', 'At least 2 of the following must hold: (“Ønsker selv at deltage” is yes; “Læseniveau” is at least 3; hours is at least 10).'],
    ['require time_since(since) >= 6 months', 'Der skal være gået mindst 6 måneder siden «Ledig siden».', 'At least 6 months must have passed since “Ledig siden”.'],
    ['require time_since(since) > 1 month', 'Der skal være gået mere end 1 måned siden «Ledig siden».', 'More than 1 month must have passed since “Ledig siden”.'],
    ['require time_since(since) < 12 months', '«Ledig siden» skal ligge inden for de seneste 12 måneder.', '“Ledig siden” must be within the last 12 months.'],
    ['exclude time_since(since) < 12 months', 'Der skal være gået mindst 12 måneder siden «Ledig siden».', 'At least 12 months must have passed since “Ledig siden”.'],
    ['require time_since(since) <= 26 weeks', 'Der må højst være gået 26 uger siden «Ledig siden».', 'At most 26 weeks may have passed since “Ledig siden”.'],
    ['require age < 30 years', 'Borgerens alder skal være under 30 år.', 'The citizen\'s age must be under 30 years.'],
    ['require age_of(birth_date) >= 50 years', 'Borgerens alder skal være mindst 50 år.', 'The citizen\'s age must be at least 50 years.'],
    ['require ventetid > 28 days', 'Tiden fra «Henvist» til «Visiteret» skal være over 28 dage.', 'The time from “Henvist” to “Visiteret” must be more than 28 days.'],
    ['require time_between(henvist, visiteret) <= 4 weeks', 'Tiden fra «Henvist» til «Visiteret» skal være højst 4 uger.', 'The time from “Henvist” to “Visiteret” must be at most 4 weeks.'],
    ['require uger_ydelse >= 26 weeks', '«Uger på ydelse» skal være mindst 26 uger.', '“Uger på ydelse” must be at least 26 weeks.'],
    ['require unge', 'Borgeren skal være i gruppen «Under 30».', 'The citizen must be in the group “Under 30”.'],
    ['exclude ældre', 'Borgeren må ikke være i gruppen «ældre».', 'The citizen must not be in the group “ældre”.'],
    ['require unge or ældre', 'Borgeren skal være i en af grupperne «Under 30» eller «ældre».', 'The citizen must be in one of the groups “Under 30” or “ældre”.'],
    ['require any(forløb where kind = jobklub)', 'Der skal være mindst én post i «Forløb», hvor «Type» er jobklub.', '“Forløb” must have at least one entry where “Type” is jobklub.'],
    ['require none(forløb where kind = jobklub and time_since(end) < 12 months)', 'Der må ikke være nogen post i «Forløb», hvor «Type» er jobklub og «Slut» ligger inden for de seneste 12 måneder.', '“Forløb” must have no entry where “Type” is jobklub and “Slut” is within the last 12 months.'],
    ['exclude any(forløb where kind = jobklub)', 'Der må ikke være nogen post i «Forløb», hvor «Type» er jobklub.', '“Forløb” must have no entry where “Type” is jobklub.'],
    ['require all(forløb where end is known)', 'For alle poster i «Forløb» skal det gælde, at perioden er afsluttet.', 'Every entry in “Forløb” must meet this: the period has ended.'],
    ['require any(forløb where end is missing)', 'Der skal være mindst én post i «Forløb», hvor perioden løber stadig.', '“Forløb” must have at least one entry where the period is still running.'],
    ['require count(samtaler where form = individuel) >= 4', 'Der skal være mindst 4 poster i «Samtaler», hvor «Samtaleform» er individuel.', '“Samtaler” must have at least 4 entries where “Samtaleform” is individuel.'],
    ['require count(samtaler) < 2', 'Der skal være færre end 2 poster i «Samtaler».', '“Samtaler” must have fewer than 2 entries.'],
    ['require count(samtaler where time_since(dato) < 6 months) = 1', 'Der skal være præcis 1 post i «Samtaler», hvor «Dato» ligger inden for de seneste 6 måneder.', '“Samtaler” must have exactly 1 entry where “Dato” is within the last 6 months.'],
    ['require time_in(forløb where kind = dagpenge, last 52 weeks) >= 42 weeks', 'Perioderne i «Forløb», hvor «Type» er dagpenge, skal dække mindst 42 uger af de seneste 52 uger.', 'The periods in “Forløb” where “Type” is dagpenge must cover at least 42 weeks of the last 52 weeks.'],
    ['require time_in(forløb where kind = jobklub, last 52 weeks) < max_praktik', 'Perioderne i «Forløb», hvor «Type» er jobklub, skal dække mindre end 4 uger (max_praktik) af de seneste 52 uger.', 'The periods in “Forløb” where “Type” is jobklub must cover less than 4 weeks (max_praktik) of the last 52 weeks.'],
    ['require hours * 2 >= 30', 'Hours × 2 skal være mindst 30.', 'Hours × 2 must be at least 30.'],
    ['require hours - 5 > -2', 'Hours − 5 skal være over −2.', 'Hours − 5 must be more than −2.'],
    ['require benefit = dagpenge og ikke motivated', '«Ydelse» skal være dagpenge og «Ønsker selv at deltage» skal være nej.', '“Ydelse” must be dagpenge and “Ønsker selv at deltage” must be no.'],
    ['require literacy mellem 2 og 4', '«Læseniveau» skal være mellem 2 og 4.', '“Læseniveau” must be between 2 and 4.'],
    ['require literacy er kendt eller since mangler', 'Det skal gælde, at «Læseniveau» er oplyst eller «Ledig siden» ikke er oplyst.', 'It must be the case that “Læseniveau” is recorded or “Ledig siden” is not recorded.'],
    ['require time_since(since) >= 6 måneder', 'Der skal være gået mindst 6 måneder siden «Ledig siden».', 'At least 6 months must have passed since “Ledig siden”.'],
    ['require true', 'Kravet er altid opfyldt.', 'The requirement is always met.'],
  ])('%s', (line, da, en) => {
    expect(sentences(line)).toEqual({ da, en });
  });
});

describe('visit doc: values on the day', () => {
  it('a dated param without a reference date is named, not given a value', () => {
    expect(sentences('require time_in(forløb where kind = jobklub, last 52 weeks) < max_praktik', null).da).toBe(
      'Perioderne i «Forløb», hvor «Type» er jobklub, skal dække mindre end max_praktik af de seneste 52 uger.',
    );
  });
  it.each([
    ['2016-12-31', '8 uger (max_praktik)'],
    ['2017-01-01', '4 uger (max_praktik)'],
  ])('on %s the dated param is %s', (asOf, value) => {
    expect(sentences('require time_in(forløb where kind = jobklub, last 52 weeks) < max_praktik', asOf).da).toContain(`mindre end ${value} af`);
  });
  it('a param override given to the run is the value shown', () => {
    const checked = check(`${RULES}program p {\n  require literacy >= min_læs\n}\n`, { params: { min_læs: '2' } });
    expect(requirementSentence(checked.programs.get('p')!.lines[0]!, { lang: 'da', checked })).toBe('«Læseniveau» skal være mindst 2 (min_læs).');
  });
});

describe('visit doc: a group as a statement (the clause after "når")', () => {
  it.each([
    ['age < 30 years and benefit != dagpenge', 'borgerens alder er under 30 år og «Ydelse» ikke er dagpenge', "the citizen's age is under 30 years and “Ydelse” is not dagpenge"],
    ['not unge', 'borgeren ikke er i gruppen «Under 30»', 'the citizen is not in the group “Under 30”'],
    ['not (unge or motivated)', 'borgeren ikke er i gruppen «Under 30» og «Ønsker selv at deltage» er nej', 'the citizen is not in the group “Under 30” and “Ønsker selv at deltage” is no'],
    ['not (unge and motivated)', 'det ikke gælder, at borgeren er i gruppen «Under 30» og «Ønsker selv at deltage» er ja', 'it is not the case that the citizen is in the group “Under 30” and “Ønsker selv at deltage” is yes'],
    ['time_since(since) <= 26 weeks', 'der højst er gået 26 uger siden «Ledig siden»', 'at most 26 weeks have passed since “Ledig siden”'],
    ['none(forløb where kind = jobklub)', 'der ikke er nogen poster i «Forløb», hvor «Type» er jobklub', '“Forløb” has no entry where “Type” is jobklub'],
    ['all(forløb where end is known)', 'for alle poster i «Forløb» gælder, at perioden er afsluttet', 'every entry in “Forløb” meets this: the period has ended'],
    ['unge eller (motivated og literacy er kendt)', 'borgeren er i gruppen «Under 30» eller både «Ønsker selv at deltage» er ja og «Læseniveau» er oplyst', 'the citizen is in the group “Under 30” or both “Ønsker selv at deltage” is yes and “Læseniveau” is recorded'],
  ])('%s', (condition, da, en) => {
    const checked = check(`${RULES}group g = ${condition}\n`);
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    const g = checked.groups.get('g')!;
    expect({ da: statement(g.condition, { lang: 'da', checked }), en: statement(g.condition, { lang: 'en', checked }) }).toEqual({ da, en });
  });
});
