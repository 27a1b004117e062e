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
  | { kind: 'enumValue'; value: string };

/** The result of `check`: the AST plus everything later phases need. Never thrown; read `diagnostics`. */
export interface CheckedFile {
  source: string;
  file: VisitFile;
  /** Parse and check diagnostics, sorted by position. */
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  record?: RecordDeclaration;
  /** Declarations by name, in source order. */
  fields: Map<string, FieldDeclaration>;
  lets: Map<string, LetDeclaration>;
  params: Map<string, ParamDeclaration>;
  groups: Map<string, GroupDeclaration>;
  programs: Map<string, ProgramDeclaration>;
  tests: TestDeclaration[];
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
}
