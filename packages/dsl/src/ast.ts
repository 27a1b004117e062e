// The Visit AST: a discriminated union on `kind`. Every node has an `id` (unique within one parse)
// and a source `range`; evaluation traces and explanations are keyed by node id.

/** 1-based line and column (columns count UTF-16 code units), 0-based offset into the source. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

export interface NodeBase {
  id: number;
  range: Range;
}

/** Units are normalised to the plural spelling. */
export type Unit = 'days' | 'weeks' | 'months' | 'years';

/** A name as written at a declaration site or a reference site. */
export interface Name extends NodeBase {
  kind: 'Name';
  text: string;
}

// ---------------------------------------------------------------- expressions

export interface NumberLiteral extends NodeBase {
  kind: 'Number';
  value: number;
}
export interface DurationLiteral extends NodeBase {
  kind: 'Duration';
  amount: number;
  unit: Unit;
}
export interface DateLiteral extends NodeBase {
  kind: 'Date';
  /** ISO `YYYY-MM-DD` exactly as written (the checker verifies it is a real calendar day). */
  value: string;
}
export interface TextLiteral extends NodeBase {
  kind: 'Text';
  /** The unescaped value. */
  value: string;
}
export interface BooleanLiteral extends NodeBase {
  kind: 'Boolean';
  value: boolean;
}
/** A bare name in an expression: a field, let, param, group, or an enum value (resolved by the checker). */
export interface Reference extends NodeBase {
  kind: 'Reference';
  name: string;
}
export interface Call extends NodeBase {
  kind: 'Call';
  callee: Name;
  args: Expression[];
}
export interface Not extends NodeBase {
  kind: 'Not';
  operand: Expression;
}
export interface Negate extends NodeBase {
  kind: 'Negate';
  operand: Expression;
}
export type ArithmeticOperator = '+' | '-' | '*' | '/';
export interface Arithmetic extends NodeBase {
  kind: 'Arithmetic';
  op: ArithmeticOperator;
  left: Expression;
  right: Expression;
}
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export interface Comparison extends NodeBase {
  kind: 'Comparison';
  op: ComparisonOperator;
  left: Expression;
  right: Expression;
}
export interface Logical extends NodeBase {
  kind: 'Logical';
  op: 'and' | 'or';
  left: Expression;
  right: Expression;
}
export interface Between extends NodeBase {
  kind: 'Between';
  value: Expression;
  low: Expression;
  high: Expression;
}
export interface Membership extends NodeBase {
  kind: 'In';
  value: Expression;
  negated: boolean;
  items: Expression[];
}
export interface Presence extends NodeBase {
  kind: 'Is';
  value: Expression;
  test: 'known' | 'missing';
}
export interface AtLeast extends NodeBase {
  kind: 'AtLeast';
  count: NumberLiteral;
  items: Expression[];
}
/**
 * `L where c` (LANGUAGE.md §12): the elements of list `L` for which `c` holds. Written only as the
 * first argument of `any`, `all`, `none`, `count` and `time_in`; the checker refuses it elsewhere.
 * Inside `condition`, names are the element's fields, params, and lets that read no record field.
 */
export interface Where extends NodeBase {
  kind: 'Where';
  list: Expression;
  condition: Expression;
  /** The range of the word `where`. */
  keyword: Range;
}
/** `last N unit` (§12): the reference window `(R − N unit, R]`; only as the second argument of `time_in`. */
export interface Window extends NodeBase {
  kind: 'Window';
  length: DurationLiteral;
}
/** Stands where the parser recovered from a syntax error; never evaluated (the file has errors). */
export interface ErrorExpression extends NodeBase {
  kind: 'ErrorExpression';
}

export type Literal = NumberLiteral | DurationLiteral | DateLiteral | TextLiteral | BooleanLiteral;

export type Expression =
  | Literal
  | Reference
  | Call
  | Not
  | Negate
  | Arithmetic
  | Comparison
  | Logical
  | Between
  | Membership
  | Presence
  | AtLeast
  | Where
  | Window
  | ErrorExpression;

// ---------------------------------------------------------------- declarations

export type BaseTypeName = 'text' | 'boolean' | 'date' | 'number' | 'integer';

export interface PrimitiveTypeNode extends NodeBase {
  kind: 'PrimitiveType';
  name: BaseTypeName;
  /** Inclusive range `1..5` (number and integer only). */
  bounds?: { min: NumberLiteral; max: NumberLiteral };
  /** `in weeks` (number and integer only). */
  unit?: { unit: Unit; range: Range };
}
export interface EnumTypeNode extends NodeBase {
  kind: 'EnumType';
  values: Name[];
}
/** `list of { field: type modifiers "label"?, … }` (§12): a list of elements of that shape. */
export interface ListTypeNode extends NodeBase {
  kind: 'ListType';
  fields: FieldDeclaration[];
}
export type TypeNode = PrimitiveTypeNode | EnumTypeNode | ListTypeNode;

export type Modifier = 'optional' | 'key' | 'personal';
export interface ModifierNode extends NodeBase {
  kind: 'Modifier';
  modifier: Modifier;
}

export interface FieldDeclaration extends NodeBase {
  kind: 'Field';
  name: Name;
  type: TypeNode;
  modifiers: ModifierNode[];
  label?: TextLiteral;
}
export interface RecordDeclaration extends NodeBase {
  kind: 'Record';
  name: Name;
  fields: FieldDeclaration[];
}
/**
 * `from DATE`, `until DATE` or both (§13), both inclusive: the days a version of a declaration is in
 * force. Several declarations of one kind may share a name when their validities do not overlap.
 */
export interface Validity extends NodeBase {
  kind: 'Validity';
  from?: DateLiteral;
  until?: DateLiteral;
}
export interface LetDeclaration extends NodeBase {
  kind: 'Let';
  name: Name;
  /** `let name from D = …` */
  validity?: Validity;
  value: Expression;
}
export interface ParamDeclaration extends NodeBase {
  kind: 'Param';
  name: Name;
  value: Expression;
  label?: TextLiteral;
  /** `param name = value "label" from D` (after the value and label, as in LANGUAGE.md §13) */
  validity?: Validity;
}
export interface GroupDeclaration extends NodeBase {
  kind: 'Group';
  name: Name;
  label?: TextLiteral;
  /** `group name "label" until D = …` */
  validity?: Validity;
  condition: Expression;
}
export interface RequirementLine extends NodeBase {
  kind: 'Requirement';
  mode: 'require' | 'exclude';
  condition: Expression;
  label?: TextLiteral;
}
export interface ProgramDeclaration extends NodeBase {
  kind: 'Program';
  name: Name;
  label?: TextLiteral;
  /** `program name "label" from D until D { … }` */
  validity?: Validity;
  lines: RequirementLine[];
}

export interface GivenEntry extends NodeBase {
  kind: 'GivenEntry';
  name: Name;
  /** A literal, or for a list field (§12) a `ListLiteral`; anything else is a checker error. */
  value: Expression | ListLiteral;
}
/**
 * `[ { kind: jobklub, start: 2025-01-06 }, … ]`: the value of a list field in a test's `given`
 * (LANGUAGE.md §8, §12). Not an expression: it is written only as a given value.
 */
export interface ListLiteral extends NodeBase {
  kind: 'ListLiteral';
  elements: ElementLiteral[];
}
/** One element of a `ListLiteral`: `{ field: value, … }` (omitted fields are missing). */
export interface ElementLiteral extends NodeBase {
  kind: 'ElementLiteral';
  entries: GivenEntry[];
}
export interface ParamOverride extends NodeBase {
  kind: 'With';
  name: Name;
  value: Expression;
}
export type ExpectedOutcome = 'true' | 'false' | 'unknown' | 'eligible' | 'ineligible' | 'undetermined';
export interface Expectation extends NodeBase {
  kind: 'Expect';
  target: Name;
  /** `expect g` → 'true'; `expect not g` → 'false'; `expect g unknown`; `expect p eligible` … */
  expected: ExpectedOutcome;
}
export interface TestDeclaration extends NodeBase {
  kind: 'Test';
  title: TextLiteral;
  asOf?: DateLiteral;
  /** Absent when the test has no `given` block; then every field is missing. */
  given?: { range: Range; entries: GivenEntry[] };
  overrides: ParamOverride[];
  expectations: Expectation[];
}

export type Declaration =
  | RecordDeclaration
  | LetDeclaration
  | ParamDeclaration
  | GroupDeclaration
  | ProgramDeclaration
  | TestDeclaration;

export interface VisitFile extends NodeBase {
  kind: 'File';
  declarations: Declaration[];
}

export type Node =
  | VisitFile
  | Declaration
  | FieldDeclaration
  | TypeNode
  | Validity
  | ModifierNode
  | RequirementLine
  | GivenEntry
  | ListLiteral
  | ElementLiteral
  | ParamOverride
  | Expectation
  | Expression
  | Name;

/** Compile-time exhaustiveness check for `switch` statements over node kinds. */
export function assertNever(x: never): never {
  throw new Error(`unexpected node: ${JSON.stringify(x)}`);
}

/** Named declarations (the ones that live in the file's single namespace). */
export type NamedDeclaration = Exclude<Declaration, TestDeclaration>;

export function isNamedDeclaration(d: Declaration): d is NamedDeclaration {
  return d.kind !== 'Test';
}

/** Children of an expression, in source order. */
export function childExpressions(e: Expression): Expression[] {
  switch (e.kind) {
    case 'Number':
    case 'Duration':
    case 'Date':
    case 'Text':
    case 'Boolean':
    case 'Reference':
    case 'ErrorExpression':
      return [];
    case 'Call':
      return e.args;
    case 'Not':
    case 'Negate':
      return [e.operand];
    case 'Arithmetic':
    case 'Comparison':
    case 'Logical':
      return [e.left, e.right];
    case 'Between':
      return [e.value, e.low, e.high];
    case 'In':
      return [e.value, ...e.items];
    case 'Is':
      return [e.value];
    case 'AtLeast':
      return [e.count, ...e.items];
    case 'Where':
      return [e.list, e.condition];
    case 'Window':
      return [e.length];
    default:
      return assertNever(e);
  }
}
