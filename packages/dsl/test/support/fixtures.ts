// Shared fixtures for the dsl tests: the language reference's examples and a small record.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const reference = readFileSync(fileURLToPath(new URL('../../../../docs/LANGUAGE.md', import.meta.url)), 'utf8');

/** The sections this version implements (§1–§10); §11 on (v1's histories, dated rules, …) are not yet. */
const implemented = reference.split('\n## 11.')[0]!;

/** Every ```visit block of §1–§10 of docs/LANGUAGE.md, in order. */
export const referenceExamples: string[] = implemented.split('```visit').slice(1).map((b) => b.split('```')[0]!);

/** The whole-file example of LANGUAGE.md §1. */
export const section1Example: string = referenceExamples[0]!;

/** A record with every field type, prepended to snippets. Its last line is line 12. */
export const citizenRecord = `record Citizen {
  cpr:              text key personal
  birth_date:       date
  unemployed_since: date optional
  weeks_unemployed: integer 0..520 in weeks optional
  days_sick:        number in days optional
  education:        one of (none, vocational, bachelor, master)
  benefit:          one of (dagpenge, kontanthjaelp, sygedagpenge)
  literacy:         integer 1..5 optional "Læseniveau"
  motivated:        boolean
  hours:            number 0..37 optional
}
`;

/** Line numbers in diagnostics of `citizenRecord + snippet` are offset by this. */
export const recordLines = 12;
