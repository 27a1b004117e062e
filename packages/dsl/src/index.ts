// Public API of the Visit language package.
export * from './ast';
export * from './diagnostics';
export { parse, LineMap, type ParseResult } from './syntax/to-ast';
export * as tokens from './syntax/tokens';
export { keywords, keywordRoles, keywordSet } from './syntax/tokens';
export { printBracketed } from './print';
export type { Type, Resolution, CheckedFile } from './check/types';
