// Det danske katalog: de samme nøgler, parametre, koder og alvorsgrader som det engelske (`en` i
// messages.ts); kun ordene er danske. Citerede navne ('…') og tal er de samme som i den engelske
// tekst (testet i messages-catalogue.test.ts). Nøgleord citeres, som brugeren skrev dem, ellers på
// engelsk; enheder skrives med de danske stavemåder fra §15 (dage, uger, måneder, år).
import type { Range, Unit } from '../ast';
import { approximately } from './describe';
import {
  err,
  MAX_LITERAL,
  OUTPUT_COLUMNS,
  suggestWith,
  warn,
  type ArgumentsExpected,
  type ArgumentsFound,
  type BoundsProblem,
  type Catalogue,
  type ConditionContext,
  type DateProblem,
  type DaySpan,
  type Found,
  type GivenFound,
  type KindWord,
  type OverrideProblem,
  type RecordReader,
  type ValidityWords,
} from './messages';
import type { Type } from './types';

const suggest = suggestWith((s) => ` — mente du '${s}'?`);

const unitPlural: Record<Unit, string> = { days: 'dage', weeks: 'uger', months: 'måneder', years: 'år' };
const unitSingular: Record<Unit, string> = { days: 'dag', weeks: 'uge', months: 'måned', years: 'år' };
const amountOf = (n: number, u: Unit): string => `${n} ${n === 1 ? unitSingular[u] : unitPlural[u]}`;
/** "en måned", "en uge", "et år". */
const oneUnit = (u: Unit): string => `${u === 'years' ? 'et' : 'en'} ${unitSingular[u]}`;

const months = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

function typeWords(t: Type): string {
  switch (t.kind) {
    case 'boolean':
      return 'en betingelse (sand eller falsk)';
    case 'text':
      return 'en tekst';
    case 'date':
      return 'en dato';
    case 'number':
      if (t.unit) return `et antal ${unitPlural[t.unit]}`;
      return t.integer ? 'et helt tal' : 'et tal';
    case 'enum':
      return `en af (${t.values.join(', ')})`;
    case 'calendar':
      return 'et tidsrum i kalenderen';
    case 'list':
      return `en liste af ${t.period ? 'perioder' : 'elementer'} (${[...t.fields.keys()].join(', ')})`;
    case 'enumValue':
      return `navnet '${t.value}'`;
    case 'error':
      return 'et ugyldigt udtryk';
  }
}

const orList = (items: readonly string[]): string => {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} eller ${unique[unique.length - 1]}`;
};

const contextWords = (c: ConditionContext): string => {
  switch (c.kind) {
    case 'group':
      return `Gruppen '${c.name}'`;
    case 'line':
      return c.mode === 'require' ? 'En require-linje' : 'En exclude-linje';
    case 'not':
      return `Det, der står efter 'not',`;
    case 'side':
      return `Hver side af '${c.op}'`;
    case 'atLeastItem':
      return `Hvert punkt i 'at least'`;
    case 'where':
      return `Betingelsen efter 'where'`;
  }
};

const dateWords = (p: DateProblem): string => {
  switch (p.kind) {
    case 'format':
      return 'skriv den som ÅÅÅÅ-MM-DD med tocifret måned og dag';
    case 'month':
      return `der findes ingen måned ${p.month}`;
    case 'days':
      return `${months[p.month - 1]} ${p.year} har ${p.days} dage`;
    case 'hidden':
      return 'det er ikke en dag i kalenderen';
  }
};

const expectsWords = (x: ArgumentsExpected): string => {
  switch (x.kind) {
    case 'dates':
      return x.count === 1 ? 'én dato' : 'to datoer';
    case 'periods':
      return 'en liste af perioder og et tidsvindue: time_in(L where c, last N unit)';
    case 'list':
      return `en liste: ${x.fn}(L) eller ${x.fn}(L where c)`;
  }
};

const foundWords = (f: ArgumentsFound): string => {
  switch (f.kind) {
    case 'count':
      return f.n === 0 ? 'ingen argumenter' : `${f.n} ${f.n === 1 ? 'argument' : 'argumenter'}`;
    case 'value':
      return `'${f.text}' (${typeWords(f.type)})`;
    case 'notWindow':
      return `'${f.text}', hvor der skal stå 'last N unit'`;
  }
};

const WITHHELD = ' (værdien vises ikke: personoplysning)';

const givenFoundWords = (f: GivenFound): string => {
  switch (f.kind) {
    case 'type':
      return typeWords(f.type);
    case 'name':
      return 'et navn';
    case 'expression':
      return 'et udtryk (en given-værdi skal skrives direkte)';
    case 'fraction':
      return 'et tal med decimaler';
    case 'outside':
      return 'et tal uden for intervallet';
  }
};

const overrideWords = (p: OverrideProblem): string => {
  switch (p.kind) {
    case 'tooLarge':
      return `tallet er for stort: det skal være ${typeWords(p.type)} fra -${MAX_LITERAL} til ${MAX_LITERAL}`;
    case 'notLiteral':
      return `værdien skal skrives direkte (${typeWords(p.type)})`;
    case 'mismatch':
      return `værdien skal være ${typeWords(p.type)}, ligesom i erklæringen '${p.declared}'`;
    case 'unparsed':
      return `værdien kan ikke læses: den skal være ${typeWords(p.type)}, skrevet som i erklæringen '${p.declared}'`;
  }
};

const readerWords: Record<RecordReader, string> = { field: 'et felt i posten', group: 'en gruppe', let: 'en let-værdi, der læser posten' };

/** The kind of a declaration with its article ("en gruppe", "et felt"). */
const kindWords: Record<KindWord, { a: string; the: string }> = {
  record: { a: 'en record-erklæring', the: 'record-erklæringen' },
  field: { a: 'et felt', the: 'feltet' },
  let: { a: 'en let-værdi', the: 'let-værdien' },
  param: { a: 'en parameter', the: 'parameteren' },
  group: { a: 'en gruppe', the: 'gruppen' },
  program: { a: 'et program', the: 'programmet' },
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const validityWords = (v: ValidityWords | undefined): string =>
  !v || (!v.from && !v.until) ? 'uden datoer' : [v.from ? `fra ${v.from}` : '', v.until ? `til og med ${v.until}` : ''].filter(Boolean).join(' ');

const spanWords = (r: DaySpan): string => {
  if (r.from && r.until) return r.from === r.until ? `den ${r.from}` : `${r.from} – ${r.until}`;
  if (r.until) return `til og med ${r.until}`;
  if (r.from) return `fra ${r.from}`;
  return 'alle dage';
};
const spansWords = (rs: readonly DaySpan[]): string => rs.map(spanWords).join(', ');

const foundToken = (f: Found): string => ('end' in f ? 'slutningen af filen' : `'${f.image}'`);

const DECLARATION = "en erklæring ('record', 'let', 'param', 'group', 'program' eller 'test')";
const VALUE = "en værdi (et navn, et tal, en dato, en tekst, true, false, '(' eller 'at least')";

const count = (n: number, one: string, many: string) => `${n.toLocaleString('da-DK')} ${n === 1 ? one : many}`;

/** Token labels that are words (quoted keywords and signs are shown as they are). */
const labels: Record<string, string> = {
  Name: 'et navn',
  NumberLiteral: 'et tal',
  DateLiteral: 'en dato (ÅÅÅÅ-MM-DD)',
  TextLiteral: 'en tekst i anførselstegn',
  UnitWord: 'en enhed (dage, uger, måneder, år)',
};

export const da: Catalogue = {
  lang: 'da',
  type: typeWords,
  dateProblem: dateWords,
  duplicateName: (r: Range, name: string, firstLine: number) =>
    err('duplicate-name', r, `'${name}' er allerede erklæret i linje ${firstLine}: et navn må kun bruges én gang i en fil`),
  reservedName: (r: Range, name: string) =>
    err(
      'reserved-name',
      r,
      `'${name}' kan ikke bruges som navn: det er reserveret af JavaScripts objektmodel (alle objekter har egenskaben '${name}', så de oversatte regler ville finde den i hver post)`,
    ),
  reservedColumn: (r: Range, kind: 'group' | 'program', name: string, column: string) =>
    err(
      'reserved-column',
      r,
      `'${name}' kan ikke være navnet på ${kind === 'group' ? 'en gruppe' : 'et program'}: screeningens resultat har selv en kolonne '${column}' (${OUTPUT_COLUMNS.join(', ')} er optaget)`,
    ),
  numberOutOfRange: (r: Range) =>
    err(
      'number-out-of-range',
      r,
      `tallet er for stort: det skal ligge fra -${MAX_LITERAL} til ${MAX_LITERAL} (2^53 − 1; større hele tal kan ikke gemmes nøjagtigt)`,
    ),
  duplicateRecord: (r: Range, firstLine: number) =>
    err('duplicate-record', r, `en fil har én record-erklæring, og der er allerede en i linje ${firstLine}`),
  missingRecord: (r: Range) =>
    err('missing-record', r, `filen mangler en record-erklæring (record Navn { felt: type … }), der beskriver de poster, der screenes`),
  multipleKeys: (r: Range, name: string, first: string) =>
    err('multiple-keys', r, `'${name}' er markeret key, men det er '${first}' allerede: højst ét felt kan være nøglen`),
  duplicateModifier: (r: Range, modifier: string) => warn('duplicate-modifier', r, `'${modifier}' står to gange`),
  invalidBounds: (r: Range, text: string, why: BoundsProblem) =>
    err(
      'invalid-range',
      r,
      `ugyldigt interval '${text}': ${why.kind === 'order' ? `den nedre grænse ${why.min} er større end den øvre grænse ${why.max}` : 'et integer-felt skal have hele tal som grænser'}`,
    ),
  duplicateEnumValue: (r: Range, value: string) => err('duplicate-enum-value', r, `'${value}' står to gange i denne opremsning`),
  unknownName: (r: Range, name: string, candidates: Iterable<string>) =>
    suggest(err('unknown-name', r, `ukendt navn '${name}': her skal stå et felt, en let-værdi, en parameter eller en gruppe`), name, candidates),
  unknownEnumValue: (r: Range, value: string, subject: string, values: readonly string[]) =>
    suggest(err('unknown-enum-value', r, `'${value}' er ikke en af værdierne for ${subject}: vælg en af ${values.join(', ')}`), value, values),
  programInExpression: (r: Range, name: string) =>
    err('program-in-expression', r, `'${name}' er et program: i en betingelse kan kun felter, let-værdier, parametre og grupper bruges`),
  unknownFunction: (r: Range, name: string, known: readonly string[]) =>
    suggest(err('unknown-function', r, `ukendt funktion '${name}': de kendte funktioner er ${orList(known)}`), name, known),
  wrongArguments: (r: Range, name: string, expects: ArgumentsExpected, found: ArgumentsFound) =>
    err('wrong-arguments', r, `${name}(…) tager ${expectsWords(expects)}, men fik ${foundWords(found)}`),
  listKey: (r: Range, name: string) =>
    err('list-key', r, `'${name}' er en liste og kan ikke være nøglen: nøglen er én værdi, der identificerer posten`),
  elementKey: (r: Range, name: string, list: string) =>
    err('element-key', r, `'${name}' er et felt i elementerne af '${list}' og kan ikke være 'key': et elementfelt kan være optional eller personal`),
  nestedList: (r: Range, name: string, list: string) =>
    err('nested-list', r, `'${name}' kan ikke være en liste: elementerne af '${list}' har felttyperne fra §3 (ingen lister i lister)`),
  duplicateElementField: (r: Range, name: string, list: string, firstLine: number) =>
    err('duplicate-name', r, `'${name}' er allerede et felt i elementerne af '${list}' (linje ${firstLine})`),
  periodStartOptional: (r: Range, list: string) =>
    err(
      'period-start-optional',
      r,
      `elementerne af '${list}' er perioder (start: date, end: date), så 'start' kan ikke være optional: en periode uden start dækker ingen kendte dage (en manglende 'end' betyder, at perioden stadig løber)`,
    ),
  listMisplaced: (r: Range, name: string) =>
    err('list-misplaced', r, `'${name}' er en liste: brug den i any(…), all(…), none(…), count(…) eller time_in(…), eller test '${name} is missing'`),
  notAList: (r: Range, fn: string, text: string, t: Type) =>
    err('not-a-list', r, `${fn}(…) skal have et listefelt, men '${text}' er ${typeWords(t)}`),
  notPeriods: (r: Range, list: string) =>
    err(
      'not-periods',
      r,
      `time_in(…) skal have en liste af perioder, men elementerne af '${list}' har ikke felterne 'start: date' og 'end: date': tæl dem i stedet med count(…)`,
    ),
  whereMisplaced: (r: Range, list: string) =>
    err('where-misplaced', r, `'${list} where …' kan kun stå inde i any(…), all(…), none(…), count(…) eller time_in(…)`),
  lastMisplaced: (r: Range, text: string) =>
    err('last-misplaced', r, `'${text}' er et tidsvindue: det kan kun stå som andet argument til time_in(L, last N unit)`),
  invalidWindow: (r: Range, text: string) => err('invalid-window', r, `'last ${text}' skal have et helt tal, mindst 1`),
  whereReadsRecord: (r: Range, name: string, what: RecordReader, list: string, elementFields: Iterable<string>) => {
    const fields = [...elementFields];
    return suggest(
      err(
        'where-reads-record',
        r,
        `'${name}' er ${readerWords[what]}: inde i '${list} where …' kan kun elementets felter (${fields.join(', ')}), parametre og let-værdier, der ikke læser posten, bruges, så kriteriet kan oversættes til JSON Logic og SQL`,
      ),
      name,
      fields,
    );
  },
  unknownElementName: (r: Range, name: string, list: string, candidates: Iterable<string>) =>
    suggest(err('unknown-name', r, `ukendt navn '${name}': her skal stå et felt i elementerne af '${list}', en parameter eller en let-værdi`), name, candidates),
  timeInUnit: (r: Range, timeIn: string, otherText: string, amount: number | undefined, unit: Unit | undefined) =>
    err(
      'time-in-unit',
      r,
      `'${timeIn}' tæller dage og kan kun sammenlignes med dage eller uger: '${otherText}' er i ${unitPlural[unit ?? 'months']}, og ${oneUnit(unit ?? 'months')} er ikke et helt antal dage${
        amount === undefined || unit === undefined ? '' : `; skriv det i dage eller uger, f.eks. ${amountOf(approximately(amount, unit, 'days'), 'days')}`
      }`,
    ),
  givenNotList: (r: Range, field: string) =>
    err('given-mismatch', r, `${field}: her skal stå en liste, skrevet [ { felt: værdi, … }, … ] (en tom liste er [ ])`),
  givenListForValue: (r: Range, field: string, expected: Type) =>
    err('given-mismatch', r, `${field}: her skal stå ${typeWords(expected)}, men der står en liste`),
  givenUnknownElementField: (r: Range, path: string, name: string, list: string, fields: Iterable<string>) =>
    suggest(err('given-unknown-field', r, `${path}: '${name}' er ikke et felt i elementerne af '${list}'`), name, fields),
  givenMissingElementField: (r: Range, path: string, missing: readonly string[]) =>
    err(
      'given-missing-field',
      r,
      `${path}: ${missing.map((m) => `'${m}'`).join(', ')} skal angives (${missing.length === 1 ? 'feltet er' : 'felterne er'} ikke optional), men mangler`,
    ),
  givenPeriodOrder: (r: Range, path: string, personal: boolean) =>
    err('given-period-order', r, `${path}: end ligger før start${personal ? ' (værdierne vises ikke: personoplysninger)' : ''}: en periode dækker dagene fra start til end, begge dage med`),
  typeMismatch: (r: Range, left: string, lt: Type, right: string, rt: Type) =>
    err('type-mismatch', r, `kan ikke sammenligne '${left}' (${typeWords(lt)}) med '${right}' (${typeWords(rt)})`),
  notOrdered: (r: Range, op: string, text: string, t: Type) =>
    err('not-ordered', r, `'${op}' kræver værdier, der kan ordnes, men '${text}' er ${typeWords(t)}: brug '=' eller '!='`),
  unitMismatch: (r: Range, leftText: string, leftUnit: Unit, rightText: string, rightUnit: Unit, amount?: number, threshold?: Range) => {
    const n = amount === undefined ? undefined : approximately(amount, rightUnit, leftUnit);
    // The quick fix writes the English spelling, as the English catalogue does; the message shows the Danish one.
    const written = n === undefined ? undefined : `${n} ${n === 1 ? leftUnit.slice(0, -1) : leftUnit}`;
    const suggestion = n === undefined ? '' : `; skriv grænsen i ${unitPlural[leftUnit]}, f.eks. ${amountOf(n, leftUnit)}`;
    const d = err(
      'unit-mismatch',
      r,
      `kan ikke sammenligne '${leftText}' (${unitPlural[leftUnit]}) med '${rightText}' (${unitPlural[rightUnit]}): ${oneUnit(rightUnit)} er ikke et helt antal ${unitPlural[leftUnit]}${suggestion}`,
    );
    return written !== undefined && threshold ? { ...d, suggestion: { text: written, range: threshold } } : d;
  },
  calendarNeedsUnit: (r: Range, spanText: string, otherText: string) =>
    err('calendar-needs-unit', r, `'${spanText}' er et tidsrum: sammenlign det med en varighed som '${otherText} years', ikke med det rene tal '${otherText}'`),
  calendarNeedsConstant: (r: Range, spanText: string, otherText: string) =>
    err(
      'calendar-threshold-not-constant',
      r,
      `'${spanText}' kan kun sammenlignes med en fast varighed (f.eks. 6 måneder skrevet direkte, eller en parameter), men '${otherText}' varierer fra post til post`,
    ),
  calendarArithmetic: (r: Range, text: string) =>
    err('calendar-arithmetic', r, `'${text}' er et tidsrum i kalenderen og kan ikke indgå i regnestykker: sammenlign det i stedet med en varighed`),
  dateArithmetic: (r: Range, text: string) =>
    err('date-arithmetic', r, `'${text}' er en dato og kan ikke indgå i regnestykker: mål tid med time_since(…) eller age_of(…)`),
  notNumber: (r: Range, op: string, text: string, t: Type) => err('not-a-number', r, `'${op}' kræver tal, men '${text}' er ${typeWords(t)}`),
  notBoolean: (r: Range, context: ConditionContext, text: string, t: Type) =>
    err('not-boolean', r, `${contextWords(context)} skal være en betingelse (sand eller falsk), men '${text}' er ${typeWords(t)}`),
  invalidDate: (r: Range, text: string, why: DateProblem) => err('invalid-date', r, `ugyldig dato '${text}': ${dateWords(why)}`),
  cycle: (r: Range, kind: 'let' | 'group', path: string[]) =>
    err('cycle', r, `${capital(kindWords[kind].the)} '${path[0]}' afhænger af sig selv: ${path.join(' → ')}`),
  paramNotLiteral: (r: Range, name: string) =>
    err('param-not-literal', r, `parameteren '${name}' skal skrives direkte: et tal, en varighed (6 måneder), en dato, en tekst, true eller false`),
  invalidParamOverride: (r: Range, name: string, why: OverrideProblem) =>
    err('invalid-param-override', r, `ny værdi for parameteren '${name}': ${overrideWords(why)}`),
  unknownParam: (r: Range, name: string, params: Iterable<string>) => suggest(err('unknown-param', r, `der er ingen parameter med navnet '${name}'`), name, params),
  unknownParamNotAName: (r: Range) =>
    err('unknown-param', r, `en ny parameterværdi nævner ingen parameter: skriv parameterens navn før '=' (et bogstav eller '_', derefter bogstaver, cifre eller '_')`),
  invalidCount: (r: Range, text: string) => err('invalid-count', r, `'at least ${text} of' skal have et helt tal, 0 eller derover`),
  inItemNotLiteral: (r: Range, text: string) =>
    err('in-item-not-literal', r, `'${text}' er ikke en værdi skrevet direkte: listen efter 'in' indeholder værdier som 3, "tekst", 2026-01-01 eller opremsningsværdier`),
  givenUnknownField: (r: Range, name: string, fields: Iterable<string>) =>
    suggest(err('given-unknown-field', r, `'${name}' er ikke et felt i posten`), name, fields),
  givenDuplicate: (r: Range, name: string) => err('given-duplicate', r, `'${name}' er angivet to gange`),
  givenMismatch: (r: Range, field: string, expected: Type, found: GivenFound, personal: boolean, bounds?: { min: number; max: number }) =>
    err(
      'given-mismatch',
      r,
      `${field}: her skal stå ${typeWords(expected)}${bounds ? ` fra ${bounds.min} til ${bounds.max}` : ''}, men der står ${givenFoundWords(found)}${personal ? WITHHELD : ''}`,
    ),
  personalEnumValue: (r: Range, subject: string, given = false) =>
    err(
      'unknown-enum-value',
      r,
      `den værdi, ${subject} ${given ? 'er givet' : 'sammenlignes med'}, er ikke en af dens værdier (værdien vises ikke: personoplysning)`,
    ),
  unknownTestTarget: (r: Range, name: string, candidates: Iterable<string>) =>
    suggest(err('unknown-test-target', r, `'${name}' er hverken en gruppe eller et program`), name, candidates),
  expectOutcomeMismatch: (r: Range, name: string, isProgram: boolean) =>
    err(
      'expect-outcome-mismatch',
      r,
      isProgram
        ? `'${name}' er et program: skriv expect ${name} eligible, ineligible eller undetermined`
        : `'${name}' er en gruppe: skriv expect ${name}, expect not ${name} eller expect ${name} unknown`,
    ),
  duplicateAsOf: (r: Range) => err('duplicate-as-of', r, `en test har én 'as of'-dato`),
  atLeastImpossible: (r: Range, n: number, count: number) =>
    warn('never-true', r, `'at least ${n} of' kan aldrig være opfyldt: der er kun ${count} kriterier`),
  emptyBetween: (r: Range, low: string, high: string) =>
    warn('never-true', r, `'between ${low} and ${high}' kan aldrig være opfyldt: den nedre grænse er større end den øvre`),
  unusedParam: (r: Range, name: string) => warn('unused-param', r, `parameteren '${name}' bruges ikke`),
  unusedLet: (r: Range, name: string) => warn('unused-let', r, `let-værdien '${name}' bruges ikke`),
  tooDeep: (r: Range, limit: number) => err('too-deep', r, `udtrykket er indlejret for dybt: mere end ${limit} niveauer`),

  versionKind: (r: Range, name: string, previous: KindWord, previousLine: number, kind: KindWord) =>
    err('version-kind', r, `'${name}' er ${kindWords[previous].a} i linje ${previousLine} og ${kindWords[kind].a} her: alle versioner af et navn skal være af samme slags`),
  versionType: (r: Range, name: string, type: Type, firstLine: number, firstType: Type) =>
    err(
      'version-type',
      r,
      `denne version af '${name}' er ${typeWords(type)}, men versionen i linje ${firstLine} er ${typeWords(firstType)}: alle versioner af et navn skal have samme type`,
    ),
  validityOrder: (r: Range, name: string, from: string, until: string) =>
    err('validity-order', r, `'${name}' er i kraft fra ${from} til ${until}: 'from' ligger efter 'until'`),
  versionOverlap: (r: Range, name: string, validity: ValidityWords, firstLine: number, firstValidity: ValidityWords, common: readonly DaySpan[]) =>
    err(
      'version-overlap',
      r,
      `denne version af '${name}' (${validityWords(validity)}) overlapper versionen i linje ${firstLine} (${validityWords(firstValidity)}): begge ville være i kraft ${spansWords(common)}`,
    ),
  notInForce: (r: Range, kind: KindWord, name: string, days: readonly DaySpan[]) =>
    warn(
      'not-in-force',
      r,
      `${capital(kindWords[kind].the)} '${name}' bruges, men ingen version af den er i kraft ${spansWords(days)}: en kørsel med en sådan dag som skæringsdato afvises`,
    ),
  notInForceOn: (date: string, missing: readonly { kind: 'let' | 'param' | 'group'; name: string; days: readonly DaySpan[] }[]) =>
    `ikke i kraft den ${date}: ${missing.map((m) => `${kindWords[m.kind].the} '${m.name}' (i kraft ${m.days.length ? spansWords(m.days) : 'ingen dage'})`).join(', ')}`,

  syntax: {
    label: (tokenName: string, label: string): string => labels[tokenName] ?? label,
    found: foundToken,
    endOfFile: 'slutningen af filen',
    keywordHint: (image: string) => ` ('${image}' er et nøgleord og kan ikke bruges som navn)`,
    expected: (what: string, found: Found, hint: string) => `her skal stå ${what}, men der står ${foundToken(found)}${hint}`,
    expectedAtLeastOne: (what: string, found: Found) => `her skal stå mindst én ${what}, men der står ${foundToken(found)}`,
    or: orList,
    rules: {
      declaration: DECLARATION,
      typeSpec: 'en type (text, boolean, date, number, integer eller one of (…))',
      primary: VALUE,
      unary: VALUE,
      logicalOperand: "en værdi (et navn, et tal, en dato, en tekst, true, false, 'not', '(' eller 'at least')",
      arithmetic: VALUE,
      comparisonOperator: "en sammenligning ('=', '!=', '<', '<=', '>' eller '>=')",
      equalSign: "'='",
      testItem: "'as of', 'given', 'with' eller 'expect'",
      expectation: 'navnet på en gruppe eller et program',
      modifierOrLabel: "'optional', 'key', 'personal' eller en etiket",
    },
    declaration: DECLARATION,
    unknownEscape: (escape: { char: string } | { codePoint: string }) =>
      `ukendt escape-sekvens ${'char' in escape ? `'\\${escape.char}'` : `'\\' efterfulgt af U+${escape.codePoint}`} i en tekst: kun \\" og \\\\ er tilladt`,
    unexpectedCharacter: (ch: string) => `uventet tegn '${ch}': det kan ikke indlede et navn, et tal, en dato, en tekst eller en operator`,
    unterminatedText: `teksten slutter ikke: der mangler et afsluttende '"' før linjens slutning`,
    tooDeep: (limit: number) => `udtrykket er indlejret for dybt: mere end ${limit} niveauer af parenteser eller præfiksoperatorer`,
    unterminatedComment: `kommentaren slutter ikke: der mangler '*/' til at lukke kommentaren, der begynder her`,
    validityTwice: (which: 'from' | 'until') => `'${which}' står to gange: en version har én '${which}'-dato`,
    validityOrder: "'from' skal stå før 'until' (from DATO until DATO)",
  },

  frame: {
    error: 'fejl',
    warning: 'advarsel',
    countLine: (errors: number, warnings: number, files: number) =>
      `${count(errors, 'fejl', 'fejl')}, ${count(warnings, 'advarsel', 'advarsler')} i ${count(files, 'fil', 'filer')}`,
    nothingRun: (file: string | undefined, errors: number) =>
      `${file === undefined ? 'tilvalgene på kommandolinjen har fejl' : `${file} har ${errors} fejl`}; intet blev kørt`,
  },
};
