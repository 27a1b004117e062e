// Public API of the Visit language package.
export * from './ast';
export * from './diagnostics';
export { parse, parseExpression, LineMap, MAX_NESTING, type ParseResult } from './syntax/to-ast';
export { check, dateProblem, FUNCTIONS, MAX_EXPRESSION_DEPTH } from './check/index';
export { describeType, unitFactor, unitFamily, smallerUnit } from './check/describe';
export { MAX_LITERAL, OUTPUT_COLUMNS, RESERVED_NAMES, en, type Catalogue } from './check/messages';
export { da } from './check/messages.da';
export { catalogue, currentLanguage, setDefaultLanguage, withLanguage, LANGUAGES, type Language } from './check/language';
export { maskCprNumbers, maskedSlice, personalRanges, CPR_MASK, PERSONAL_MASK } from './check/personal';
export * as tokens from './syntax/tokens';
export { keywords, keywordRoles, keywordSet } from './syntax/tokens';
export { printBracketed } from './print';
export { rulesVersion } from './version';
export { renderDoc, requirementSentence, statement, valuePhrase, type DocOptions, type DocLang } from './doc/index';
export type { Type, Resolution, CheckedFile, CheckOptions } from './check/types';
export { dependencyOrder, fieldsReadBy } from './check/dependencies';
export { inForce, rulesOn, dayNumber, isoDay, describeRange, periodsOf, type InForceResult, type NotInForce, type VersionedDeclaration } from './check/versions';
export * from './service';
