import type {
  Expression,
  Range,
  FieldDeclaration,
  GroupDeclaration,
  LetDeclaration,
  ParamDeclaration,
  ProgramDeclaration,
  RecordDeclaration,
  TestDeclaration,
  Unit,
  VisitFile,
} from '../ast';
import type { Diagnostic } from '../diagnostics';

/** The static type of an expression. */
export type Type =
  | { kind: 'boolean' }
  | { kind: 'text' }
  | { kind: 'date' }
  /** A number; with `unit` it counts that unit (a duration literal, or a field declared `in weeks`). */
  | { kind: 'number'; integer: boolean; unit?: Unit }
  | { kind: 'enum'; values: readonly string[] }
  /** `age_of(d)` / `time_since(d)`: a span on the calendar, counted in whole completed units of
   *  whatever unit it is compared with. */
  | { kind: 'calendar' }
  /** A list field (LANGUAGE.md §12): its elements' fields and their types, in declaration order.
   *  `period` when the element has `start: date` and `end: date` (a missing `end` = still running). */
  | { kind: 'list'; fields: ReadonlyMap<string, Type>; period: boolean }
  /** A bare enum value before it meets the enum it is compared with. */
  | { kind: 'enumValue'; value: string }
  /** Stands where checking already reported an error; suppresses follow-on errors. */
  | { kind: 'error' };

/** What a `Reference` node (by node id) refers to. */
export type Resolution =
  | { kind: 'field'; decl: FieldDeclaration }
  | { kind: 'let'; decl: LetDeclaration }
  | { kind: 'param'; decl: ParamDeclaration }
  | { kind: 'group'; decl: GroupDeclaration }
  /** A name inside `L where c` (§12): the field `decl` of the elements of list field `list`. */
  | { kind: 'element'; list: FieldDeclaration; decl: FieldDeclaration }
  | { kind: 'enumValue'; value: string };

/** The result of `check`: the AST plus everything later phases need. Never thrown; read `diagnostics`. */
export interface CheckedFile {
  source: string;
  file: VisitFile;
  /** Parse and check diagnostics, sorted by position. */
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  /** The language of the messages (`check`'s `lang`, else the default): later messages about this file (a run's "not in force") speak it too. */
  lang?: 'en' | 'da';
  record?: RecordDeclaration;
  /** Declarations by name, in source order. With dated versions (§13) these maps hold, per name, the
   *  undated version if there is one, else the first in source order; `versions` holds them all, and
   *  `inForce(checked, date)` gives the view a run on that date uses. */
  fields: Map<string, FieldDeclaration>;
  lets: Map<string, LetDeclaration>;
  params: Map<string, ParamDeclaration>;
  groups: Map<string, GroupDeclaration>;
  programs: Map<string, ProgramDeclaration>;
  tests: TestDeclaration[];
  /** Every version of each let, param, group and program (§13), in source order; one entry for an
   *  undated declaration. */
  versions: Map<string, (LetDeclaration | ParamDeclaration | GroupDeclaration | ProgramDeclaration)[]>;
  /** Reference node id → what it names. */
  resolutions: Map<number, Resolution>;
  /** Expression node id → its type (for every expression the checker visited). */
  types: Map<number, Type>;
  /** Field types as declared, by field name. */
  fieldTypes: Map<string, Type>;
  /** Declared type of each let and param, by name. */
  letTypes: Map<string, Type>;
  paramTypes: Map<string, Type>;
  /** The effective literal of every param: the override when one was given, else the declared value. */
  paramValues: Map<string, Expression>;
  /** Ranges of the source that hold personal values, sorted (see Diagnostic.personal): show them as •••. */
  personal: Range[];
}

export interface CheckOptions {
  /** Param overrides as literal source text (`{ min_ledighed: '4 months' }`), checked as if declared. */
  params?: Record<string, string>;
  /** The language of the diagnostics' messages (default: English, or what `setDefaultLanguage` chose). Codes, ranges and suggestions do not depend on it. */
  lang?: 'en' | 'da';
}
