// The Visit grammar (LANGUAGE.md §2–§8). Grammar only: the CST → AST step lives in to-ast.ts.
// Built once per process; error recovery is on so that one mistake does not hide the next.
import { CstParser, LLkLookaheadStrategy, type IOrAlt, type IParserErrorMessageProvider, type TokenType, type IToken, type ILookaheadStrategy } from 'chevrotain';
import * as T from './tokens';
import { grammarValidated } from './validated';
import { catalogue } from '../check/language';
import type { Found } from '../check/messages';

// The words come from the catalogue of the language in use (check/language.ts): the provider is
// asked while parsing, and parse() runs inside the caller's language.

function found(token: IToken | undefined): Found {
  return !token || token.tokenType.name === 'EOF' ? { end: true } : { image: token.image };
}

function label(t: TokenType): string {
  return catalogue().syntax.label(t.name, t.LABEL ?? t.name);
}

const reserved = new Set([...T.keywordTokens, ...T.unitTokens]);

/** Explains a keyword found where a name would fit: keywords cannot be names (LANGUAGE.md §2). */
function keywordHint(actual: IToken, nameWouldFit: boolean): string {
  return nameWouldFit && reserved.has(actual.tokenType) ? catalogue().syntax.keywordHint(actual.image) : '';
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected.name === 'EOF') return messages.buildNotAllInputParsedMessage({ firstRedundant: actual, ruleName });
    const hint = keywordHint(actual, expected === T.Name || expected === T.RCurly || ruleName === 'recordDecl');
    return catalogue().syntax.expected(label(expected), found(actual), hint);
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    const s = catalogue().syntax;
    return s.expected(s.declaration, found(firstRedundant), '');
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const s = catalogue().syntax;
    const described = s.rules[ruleName];
    const hint = actual[0] ? keywordHint(actual[0], true) : '';
    if (described) return s.expected(described, found(actual[0]), hint);
    const firsts = expectedPathsPerAlt.flatMap((paths) => paths.map((p) => (p[0] ? label(p[0]) : '')));
    return s.expected(s.or(firsts.filter(Boolean)), found(actual[0]), '');
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const s = catalogue().syntax;
    const described = s.rules[ruleName];
    if (described) return s.expected(described, found(actual[0]), '');
    const firsts = expectedIterationPaths.map((p) => (p[0] ? label(p[0]) : ''));
    return s.expectedAtLeastOne(s.or(firsts.filter(Boolean)), found(actual[0]));
  },
};

/** Chevrotain's lookahead depth for this grammar (the strategy below must be told it too). */
const MAX_LOOKAHEAD = 3;

type AlternationOptions = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type OptionalOptions = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];

/**
 * Chevrotain's LL(k) lookahead, each function built on its first use instead of all of them in
 * performSelfAnalysis: building them was ~9 ms of every start (`traceInitPerf`), and parsing one
 * rules file needs only some of them. Each function is built from the same recorded grammar either
 * way, so the parser decides the same; the grammar validations still run (strategy.validate is
 * inherited) unless skipped.
 */
class LazyLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    return lazily(() => super.buildLookaheadForAlternation(options));
  }

  override buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    return lazily(() => super.buildLookaheadForOptional(options));
  }
}

/** A function that builds the real one on its first call; Chevrotain calls it with the parser as `this`. */
function lazily<A extends unknown[], R>(build: () => (...args: A) => R): (...args: A) => R {
  let real: ((...args: A) => R) | undefined;
  return function (this: unknown, ...args: A): R {
    real ??= build();
    return real.apply(this, args);
  };
}

export class VisitParser extends CstParser {
  // Arrays of alternatives for the hot expression rules, built once: an inline `this.OR([...])`
  // allocates the array and its closures on every call (Chevrotain's performance guide).
  private readonly alts: Record<string, IOrAlt<unknown>[]> = {};

  /** Whether the next tokens are `from D` / `until D` (contextual words: names to the lexer). */
  private readonly validityAhead = (): boolean => {
    const word = this.LA(1).image;
    return (word === T.contextualWords.from || word === T.contextualWords.until) && this.LA(2).tokenType === T.DateLiteral;
  };

  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy: new LazyLookahead({ maxLookahead: MAX_LOOKAHEAD }),
      errorMessageProvider: messages,
      nodeLocationTracking: 'onlyOffset',
      skipValidations: grammarValidated,
    });
    this.performSelfAnalysis();
  }

  public file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  public declaration = this.RULE('declaration', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.recordDecl) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.groupDecl) },
      { ALT: () => this.SUBRULE(this.programDecl) },
      { ALT: () => this.SUBRULE(this.testDecl) },
    ]);
  });

  // record Name { field… }
  private recordDecl = this.RULE('recordDecl', () => {
    this.CONSUME(T.Record);
    this.CONSUME(T.Name);
    this.CONSUME(T.LCurly);
    // A comma between fields is accepted, as between a list's element fields (§12 writes them so).
    this.MANY(() => {
      this.SUBRULE(this.fieldDecl);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RCurly);
  });

  // name: type modifiers "label"?
  private fieldDecl = this.RULE('fieldDecl', () => {
    this.CONSUME(T.Name);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeSpec);
    this.MANY(() => this.SUBRULE(this.modifier));
    this.OPTION(() => this.CONSUME(T.TextLiteral));
  });

  private typeSpec = this.RULE('typeSpec', () => {
    this.OR([
      // list of { name: type modifiers "label"?, … } — commas between element fields are optional.
      {
        GATE: () => this.LA(1).image === T.contextualWords.list,
        ALT: () => {
          this.CONSUME3(T.Name);
          this.CONSUME2(T.Of);
          this.CONSUME(T.LCurly);
          this.MANY(() => {
            this.SUBRULE(this.fieldDecl);
            this.OPTION3(() => this.CONSUME(T.Comma));
          });
          this.CONSUME(T.RCurly);
        },
      },
      { ALT: () => this.CONSUME(T.TextType) },
      { ALT: () => this.CONSUME(T.BooleanType) },
      { ALT: () => this.CONSUME(T.DateType) },
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.NumberType) }, { ALT: () => this.CONSUME(T.IntegerType) }]);
          this.OPTION(() => this.SUBRULE(this.bounds));
          this.OPTION2(() => {
            this.CONSUME(T.In);
            this.CONSUME(T.UnitWord);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.One);
          this.CONSUME(T.Of);
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Name) });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  // 1..5, -10..10, 0.5..2.5
  private bounds = this.RULE('bounds', () => {
    this.SUBRULE(this.signedNumber);
    this.CONSUME(T.DotDot);
    this.SUBRULE2(this.signedNumber);
  });

  private signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.CONSUME(T.NumberLiteral);
  });

  private modifier = this.RULE('modifier', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Optional) },
      { ALT: () => this.CONSUME(T.Key) },
      { ALT: () => this.CONSUME(T.Personal) },
    ]);
  });

  // from DATE, until DATE (LANGUAGE.md §13): the words are names to the lexer (not v1 keywords).
  private validity = this.RULE('validity', () => {
    this.AT_LEAST_ONE({
      GATE: this.validityAhead,
      DEF: () => {
        this.CONSUME(T.Name);
        this.CONSUME(T.DateLiteral);
      },
    });
  });

  private letDecl = this.RULE('letDecl', () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Name);
    this.OPTION({ GATE: this.validityAhead, DEF: () => this.SUBRULE(this.validity) });
    this.SUBRULE(this.equalSign);
    this.SUBRULE(this.expression);
  });

  private paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(T.Param);
    this.CONSUME(T.Name);
    this.SUBRULE(this.equalSign);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(T.TextLiteral));
    this.OPTION2({ GATE: this.validityAhead, DEF: () => this.SUBRULE(this.validity) });
  });

  private groupDecl = this.RULE('groupDecl', () => {
    this.CONSUME(T.Group);
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.TextLiteral));
    this.OPTION2({ GATE: this.validityAhead, DEF: () => this.SUBRULE(this.validity) });
    this.SUBRULE(this.equalSign);
    this.SUBRULE(this.expression);
  });

  private equalSign = this.RULE('equalSign', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Equal) }, { ALT: () => this.CONSUME(T.EqualEqual) }]);
  });

  private programDecl = this.RULE('programDecl', () => {
    this.CONSUME(T.Program);
    this.CONSUME(T.Name);
    this.OPTION(() => this.CONSUME(T.TextLiteral));
    this.OPTION2({ GATE: this.validityAhead, DEF: () => this.SUBRULE(this.validity) });
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.requirement));
    this.CONSUME(T.RCurly);
  });

  private requirement = this.RULE('requirement', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Require) }, { ALT: () => this.CONSUME(T.Exclude) }]);
    this.SUBRULE(this.expression);
    this.OPTION(() => this.CONSUME(T.TextLiteral));
  });

  private testDecl = this.RULE('testDecl', () => {
    this.CONSUME(T.Test);
    this.CONSUME(T.TextLiteral);
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.testItem));
    this.CONSUME(T.RCurly);
  });

  private testItem = this.RULE('testItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.asOf) },
      { ALT: () => this.SUBRULE(this.given) },
      { ALT: () => this.SUBRULE(this.withOverride) },
      { ALT: () => this.SUBRULE(this.expectation) },
    ]);
  });

  private asOf = this.RULE('asOf', () => {
    this.CONSUME(T.As);
    this.CONSUME(T.Of);
    this.CONSUME(T.DateLiteral);
  });

  // given { field: value, … } — commas between entries; a trailing comma is accepted.
  private given = this.RULE('given', () => {
    this.CONSUME(T.Given);
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.givenEntry);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RCurly);
  });

  // name: value, or name: [ { name: value, … }, … ] for a list field (§12). Elements are parsed
  // with the same entries (a list inside an element is the checker's error, not a syntax error).
  private givenEntry = this.RULE('givenEntry', () => {
    this.CONSUME(T.Name);
    this.CONSUME(T.Colon);
    this.OR([{ ALT: () => this.SUBRULE(this.givenList) }, { ALT: () => this.SUBRULE(this.expression) }]);
  });

  // [ { … }, { … } ] — commas between elements; a trailing comma is accepted.
  private givenList = this.RULE('givenList', () => {
    this.CONSUME(T.LBracket);
    this.MANY(() => {
      this.SUBRULE(this.givenElement);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  private givenElement = this.RULE('givenElement', () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.givenEntry);
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RCurly);
  });

  // with name = literal (, name = literal)*
  private withOverride = this.RULE('withOverride', () => {
    this.CONSUME(T.With);
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        this.CONSUME(T.Name);
        this.SUBRULE(this.equalSign);
        this.SUBRULE(this.expression);
      },
    });
  });

  // expect g | expect not g | expect g unknown | expect p eligible|ineligible|undetermined | expect g true|false
  private expectation = this.RULE('expectation', () => {
    this.CONSUME(T.Expect);
    this.OPTION(() => this.CONSUME(T.Not));
    this.CONSUME(T.Name);
    this.OPTION2(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Unknown) },
        { ALT: () => this.CONSUME(T.Eligible) },
        { ALT: () => this.CONSUME(T.Ineligible) },
        { ALT: () => this.CONSUME(T.Undetermined) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
      ]);
    });
  });

  // ------------------------------------------------------------ expressions
  // The grammar is flat where precedence is a matter of folding (and/or; + - * /): fewer CST nodes
  // per operand keeps parsing fast. to-ast.ts applies the precedence of LANGUAGE.md §4.

  // operand ((or | || | and | &&) operand)*
  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.logicalOperand);
    this.MANY(() => {
      this.OR((this.alts.a1 ??= [
        { ALT: () => this.CONSUME(T.Or) },
        { ALT: () => this.CONSUME(T.OrOr) },
        { ALT: () => this.CONSUME(T.And) },
        { ALT: () => this.CONSUME(T.AndAnd) },
      ]));
      this.SUBRULE2(this.logicalOperand);
    });
  });

  // (not | !)* arithmetic comparison-suffix?
  private logicalOperand = this.RULE('logicalOperand', () => {
    this.MANY(() => this.OR((this.alts.a2 ??= [{ ALT: () => this.CONSUME(T.Not) }, { ALT: () => this.CONSUME(T.Bang) }])));
    this.SUBRULE(this.arithmetic);
    this.OPTION(() => {
      this.OR2((this.alts.a3 ??= [
        {
          ALT: () => {
            this.SUBRULE(this.comparisonOperator);
            this.SUBRULE2(this.arithmetic);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Between);
            this.SUBRULE3(this.arithmetic);
            this.CONSUME2(T.And);
            this.SUBRULE4(this.arithmetic);
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME2(T.Not));
            this.CONSUME(T.In);
            this.CONSUME(T.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Is);
            this.OR3((this.alts.a4 ??= [{ ALT: () => this.CONSUME(T.Known) }, { ALT: () => this.CONSUME(T.Missing) }]));
          },
        },
        // Danish (§15): `er kendt` is `is known`, `mangler` is `is missing`.
        {
          ALT: () => {
            this.CONSUME(T.Er);
            this.CONSUME(T.Kendt);
          },
        },
        { ALT: () => this.CONSUME(T.Mangler) },
      ]));
    });
  });

  private comparisonOperator = this.RULE('comparisonOperator', () => {
    this.OR((this.alts.a5 ??= [
      { ALT: () => this.CONSUME(T.Equal) },
      { ALT: () => this.CONSUME(T.EqualEqual) },
      { ALT: () => this.CONSUME(T.NotEqual) },
      { ALT: () => this.CONSUME(T.LessEqual) },
      { ALT: () => this.CONSUME(T.GreaterEqual) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
    ]));
  });

  // -* primary ((+ | - | * | /) -* primary)*
  private arithmetic = this.RULE('arithmetic', () => {
    this.MANY(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.primary);
    this.MANY2(() => {
      this.OR((this.alts.a6 ??= [
        { ALT: () => this.CONSUME2(T.Plus) },
        { ALT: () => this.CONSUME2(T.Minus) },
        { ALT: () => this.CONSUME2(T.Star) },
        { ALT: () => this.CONSUME2(T.Slash) },
      ]));
      this.MANY3(() => this.CONSUME3(T.Minus));
      this.SUBRULE2(this.primary);
    });
  });

  private primary = this.RULE('primary', () => {
    this.OR((this.alts.a7 ??= [
      {
        ALT: () => {
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => this.CONSUME(T.UnitWord));
        },
      },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      { ALT: () => this.CONSUME(T.TextLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      {
        ALT: () => {
          this.CONSUME(T.Name);
          this.OPTION2(() => {
            this.CONSUME(T.LParen);
            this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.callArgument) });
            this.CONSUME(T.RParen);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.LParen);
          this.SUBRULE2(this.expression);
          this.CONSUME2(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.At);
          this.CONSUME(T.Least);
          this.CONSUME2(T.NumberLiteral);
          this.CONSUME(T.Of);
          this.CONSUME3(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE3(this.expression) });
          this.CONSUME3(T.RParen);
        },
      },
      // Danish (§15): `mindst N af (…)` is `at least N of (…)`.
      {
        ALT: () => {
          this.CONSUME(T.Mindst);
          this.CONSUME3(T.NumberLiteral);
          this.CONSUME(T.Af);
          this.CONSUME4(T.LParen);
          this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.SUBRULE4(this.expression) });
          this.CONSUME4(T.RParen);
        },
      },
    ]));
  });

  // A call's argument: an expression, `L where c` (§12), or `last N unit` (the window of time_in).
  private callArgument = this.RULE('callArgument', () => {
    this.OR((this.alts.a8 ??= [
      {
        GATE: () => this.LA(1).image === T.contextualWords.last && this.LA(2).tokenType === T.NumberLiteral,
        ALT: () => {
          this.CONSUME(T.Name);
          this.CONSUME(T.NumberLiteral);
          this.CONSUME(T.UnitWord);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.expression);
          this.OPTION({
            GATE: () => this.LA(1).image === T.contextualWords.where,
            DEF: () => {
              this.CONSUME2(T.Name);
              this.SUBRULE2(this.expression);
            },
          });
        },
      },
    ]));
  });
}

/** The one parser instance (Chevrotain parsers are built once and reused). */
export const parserInstance = new VisitParser();
