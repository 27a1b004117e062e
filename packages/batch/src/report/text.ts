// The words of the screening report, in English and Danish (`--lang en|da`).

import type { Lang } from './kit';

export interface ReportWords {
  title: string;
  screened: (records: string, rules: string) => string;
  asOf: (date: string) => string;
  rulesVersion: string;
  params: string;
  summary: string;
  rowsRead: string;
  valid: string;
  invalid: string;
  outcomes: string;
  programme: string;
  eligible: string;
  ineligible: string;
  undetermined: string;
  hidden: string;
  citizens: string;
  eligibleShare: (share: string) => string;
  failedLines: string;
  failedLinesIntro: string;
  undeterminedLines: string;
  undeterminedLinesIntro: string;
  line: string;
  rows: string;
  missingFields: string;
  missingFieldsIntro: string;
  field: string;
  none: string;
  breakdown: (by: string) => string;
  band: string;
  notes: string;
  noNotes: string;
  note: (band: string, program: string, inBand: string, rest: string, points: number, higher: boolean) => string;
  howToRead: string;
  suppressionRule: string;
  noteRule: string;
  noBreakdown: string;
  noPrograms: string;
  footer: string;
}

const en: ReportWords = {
  title: 'Screening report: outcomes and equal treatment',
  screened: (records, rules) => `${records} screened against ${rules}`,
  asOf: (date) => `as of ${date}`,
  rulesVersion: 'rules',
  params: 'params',
  summary: 'Rows',
  rowsRead: 'Rows read',
  valid: 'Valid',
  invalid: 'Invalid (errors in the data)',
  outcomes: 'Outcomes per programme',
  programme: 'Programme',
  eligible: 'Eligible',
  ineligible: 'Ineligible',
  undetermined: 'Undetermined',
  hidden: 'Not shown (small counts)',
  citizens: 'Citizens',
  eligibleShare: (share) => `${share} eligible`,
  failedLines: 'Requirements that most often failed',
  failedLinesIntro: 'The lines that made citizens ineligible (a citizen may fail several lines).',
  undeterminedLines: 'Requirements that most often could not be decided',
  undeterminedLinesIntro: 'The lines that were unknown for citizens whose outcome is undetermined.',
  line: 'Line',
  rows: 'Citizens',
  missingFields: 'Fields most often missing',
  missingFieldsIntro: 'Fields that were missing where they would have decided an undetermined outcome.',
  field: 'Field',
  none: 'None.',
  breakdown: (by) => `Outcomes by ${by}`,
  band: 'Band',
  notes: 'Notes',
  noNotes: 'No band differs strongly from the rest (see the rule below).',
  note: (band, program, inBand, rest, points, higher) =>
    `${band}: ${inBand} are eligible for ${program}, against ${rest} of the other citizens — ${points} percentage points ${higher ? 'higher' : 'lower'}.`,
  howToRead: 'How to read this report',
  suppressionRule:
    'The report holds counts only, never a citizen’s data. Counts of 1–4 citizens are shown as “< 5”; so that such a count cannot be worked out by subtracting the others from a total, one more count is withheld where needed and shown as “x” (it is always 5 or more). Shares and bars are drawn only from counts that are shown; hidden parts of a bar are hatched.',
  noteRule:
    'A note is given where the share of eligible citizens in a band differs from the share among all other citizens by at least 10 percentage points, the band and the others each count at least 20 citizens (so that a few citizens do not make the difference), and the counts it rests on are shown. A note is a reason to look at the rules and the data, not proof of unequal treatment: a criterion may concern age or benefit on purpose.',
  noBreakdown: 'No breakdown was asked for (visit screen … --report FILE --by FIELD).',
  noPrograms: 'The rules have no programme in force on this date.',
  footer: 'Made by visit screen --report.',
};

const da: ReportWords = {
  title: 'Screeningsrapport: udfald og ligebehandling',
  screened: (records, rules) => `${records} screenet efter ${rules}`,
  asOf: (date) => `pr. ${date}`,
  rulesVersion: 'regler',
  params: 'parametre',
  summary: 'Rækker',
  rowsRead: 'Læste rækker',
  valid: 'Gyldige',
  invalid: 'Ugyldige (fejl i data)',
  outcomes: 'Udfald pr. indsats',
  programme: 'Indsats',
  eligible: 'Opfylder kriterierne',
  ineligible: 'Opfylder ikke kriterierne',
  undetermined: 'Uafklaret',
  hidden: 'Ikke vist (små tal)',
  citizens: 'Borgere',
  eligibleShare: (share) => `${share} opfylder`,
  failedLines: 'De krav, der oftest ikke var opfyldt',
  failedLinesIntro: 'De linjer, der gjorde, at borgere ikke opfyldte kriterierne (en borger kan falde på flere linjer).',
  undeterminedLines: 'De krav, der oftest ikke kunne afgøres',
  undeterminedLinesIntro: 'De linjer, der var ukendte for borgere med et uafklaret udfald.',
  line: 'Linje',
  rows: 'Borgere',
  missingFields: 'De oplysninger, der oftest manglede',
  missingFieldsIntro: 'Felter, der manglede, hvor de ville have afgjort et uafklaret udfald.',
  field: 'Felt',
  none: 'Ingen.',
  breakdown: (by) => `Udfald fordelt på ${by}`,
  band: 'Gruppe',
  notes: 'Bemærkninger',
  noNotes: 'Ingen gruppe skiller sig markant ud fra de øvrige (se reglen nedenfor).',
  note: (band, program, inBand, rest, points, higher) =>
    `${band}: ${inBand} opfylder kriterierne for ${program} mod ${rest} af de øvrige borgere — ${points} procentpoint ${higher ? 'højere' : 'lavere'}.`,
  howToRead: 'Sådan læses rapporten',
  suppressionRule:
    'Rapporten indeholder kun optællinger, aldrig oplysninger om den enkelte borger. Tal på 1–4 borgere vises som “< 5”. For at et sådant tal ikke kan regnes ud ved at trække de øvrige fra en total, skjules om nødvendigt endnu et tal, vist som “x” (det er altid mindst 5). Andele og søjler tegnes kun ud fra tal, der vises; skjulte dele af en søjle er skraverede.',
  noteRule:
    'Der gives en bemærkning, hvor andelen af borgere i en gruppe, der opfylder kriterierne, afviger med mindst 10 procentpoint fra andelen blandt alle øvrige borgere, hvor både gruppen og de øvrige tæller mindst 20 borgere (så få borgere ikke afgør forskellen), og hvor de tal, bemærkningen bygger på, vises. En bemærkning er en anledning til at se nærmere på reglerne og data, ikke et bevis på forskelsbehandling: et kriterium kan med vilje handle om alder eller ydelse.',
  noBreakdown: 'Der er ikke bedt om nogen fordeling (visit screen … --report FIL --by FELT).',
  noPrograms: 'Reglerne har ingen indsats, der gælder på denne dato.',
  footer: 'Lavet med visit screen --report.',
};

export function reportWords(lang: Lang): ReportWords {
  return lang === 'da' ? da : en;
}
