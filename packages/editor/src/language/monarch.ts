// Highlighting, generated from the dsl's token list: a keyword added to the language is
// highlighted here without a change to this file.
import { keywordRoles, tokens } from '@visit/dsl';
import type { monaco } from './monaco';

type Monaco = typeof monaco;

/** Brackets and comments: for bracket matching, auto-closing and Toggle Line Comment. */
export const conf: import('monaco-editor/editor/editor.api').languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['(', ')'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  // Names are Unicode (æ, ø, å): completion and double-click select whole names.
  wordPattern: /[\p{L}_][\p{L}\p{N}_]*|\d+(?:\.\d+)?/u,
  indentationRules: { increaseIndentPattern: /\{[^}]*$/, decreaseIndentPattern: /^\s*\}/ },
};

function source(t: { PATTERN?: unknown }): string {
  const p = t.PATTERN;
  return p instanceof RegExp ? p.source : '';
}

/** The Monarch grammar for Visit. */
export function language(): import('monaco-editor/editor/editor.api').languages.IMonarchLanguage {
  const operators = tokens.operatorTokens.map(source).filter(Boolean).join('|');
  return {
    defaultToken: '',
    tokenPostfix: '.visit',
    unicode: true,
    declarations: [...keywordRoles.declaration],
    lineKeywords: [...keywordRoles.line],
    operatorWords: [...keywordRoles.operator],
    constants: [...keywordRoles.constant],
    types: [...keywordRoles.type],
    modifiers: [...keywordRoles.modifier],
    outcomes: [...keywordRoles.outcome],
    units: [...keywordRoles.unit],
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/"/, 'string', '@string'],
        [new RegExp(source(tokens.DateLiteral), 'u'), 'number.date'],
        [new RegExp(source(tokens.NumberLiteral)), 'number'],
        // Words with a meaning only where they stand (LANGUAGE.md §12, §13; not keywords, so a file
        // may use them as names): highlighted only in their place — `list of`, `L where c`,
        // `last N unit`, `from DATE` / `until DATE`.
        [new RegExp(`${tokens.contextualWords.list}(?=\\s+of\\b)`, 'u'), 'type'],
        [new RegExp(`${tokens.contextualWords.where}(?=\\s+(?!and\\b|or\\b)[\\p{L}_(!])`, 'u'), 'keyword.operator'],
        [new RegExp(`${tokens.contextualWords.last}(?=\\s+\\d)`, 'u'), 'keyword.operator'],
        [new RegExp(`(?:${tokens.contextualWords.from}|${tokens.contextualWords.until})(?=\\s+\\d{4}-)`, 'u'), 'keyword.line'],
        [
          /[\p{L}_][\p{L}\p{N}_]*/u,
          {
            cases: {
              '@declarations': 'keyword.declaration',
              '@lineKeywords': 'keyword.line',
              '@operatorWords': 'keyword.operator',
              '@constants': 'constant',
              '@types': 'type',
              '@modifiers': 'keyword.modifier',
              '@outcomes': 'keyword.outcome',
              '@units': 'number.unit',
              '@default': 'identifier',
            },
          },
        ],
        [/[{}()[\]]/, '@brackets'],
        [new RegExp(operators), 'operator'],
        [/[,:]/, 'delimiter'],
      ],
      comment: [
        [/[^/*]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[/*]/, 'comment'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
    },
  };
}

/** Colours for the token kinds above, on a light theme with good contrast (WCAG AA on white). */
export function defineTheme(m: Monaco): void {
  m.editor.defineTheme('visit-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword.declaration', foreground: '7b1fa2', fontStyle: 'bold' },
      { token: 'keyword.line', foreground: '7b1fa2' },
      { token: 'keyword.operator', foreground: '0d47a1', fontStyle: 'bold' },
      { token: 'keyword.modifier', foreground: '6d4c41' },
      { token: 'keyword.outcome', foreground: '00695c' },
      { token: 'type', foreground: '00695c' },
      { token: 'constant', foreground: '0d47a1' },
      { token: 'number', foreground: '1b5e20' },
      { token: 'number.date', foreground: '1b5e20' },
      { token: 'number.unit', foreground: '1b5e20' },
      { token: 'string', foreground: 'a31515' },
      { token: 'comment', foreground: '5f6b76', fontStyle: 'italic' },
      { token: 'operator', foreground: '37474f' },
    ],
    colors: {},
  });
}
