// Whether Chevrotain may skip its grammar validations when building the lexer and the parser.
// The validations only look for mistakes in the grammar itself (ambiguous alternatives, left
// recursion, token patterns that can never match); they change nothing about what a valid grammar
// parses, and they cost most of the start-up (measured on the `visit` bundle: building the lexer
// and the parser took ~200 ms with them, ~60 ms without, on a shared 2-core machine). Every build
// from the sources (the tests, the editor, the libraries) validates; the `visit` bundle
// (scripts/build.mjs), built from the same sources that those tests have validated, defines
// `__VISIT_GRAMMAR_VALIDATED__` as true and skips them.

declare const __VISIT_GRAMMAR_VALIDATED__: boolean | undefined;

export const grammarValidated: boolean = typeof __VISIT_GRAMMAR_VALIDATED__ !== 'undefined' && __VISIT_GRAMMAR_VALIDATED__ === true;
