// Tokenising with the grammar the extension ships (syntaxes/visit.tmLanguage.json), by the same
// engine VS Code uses: vscode-textmate on vscode-oniguruma's WebAssembly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GRAMMAR_FILE = join(PACKAGE, 'syntaxes', 'visit.tmLanguage.json');

let loaded: Promise<textmate.IGrammar> | undefined;

export function loadGrammar(grammarText: string = readFileSync(GRAMMAR_FILE, 'utf8')): Promise<textmate.IGrammar> {
  const make = async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scope) => (scope === 'source.visit' ? textmate.parseRawGrammar(grammarText, 'visit.tmLanguage.json') : null),
    });
    const grammar = await registry.loadGrammar('source.visit');
    if (!grammar) throw new Error('source.visit did not load');
    return grammar;
  };
  if (arguments.length > 0) return make();
  loaded ??= make();
  return loaded;
}

/** The non-blank tokens of each line, as [text, innermost scope] (`source.visit` for none). */
export function tokenise(grammar: textmate.IGrammar, text: string): [string, string][][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens
      .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]!])
      .filter(([s]) => s.trim() !== '')
      .map(([s, scope]): [string, string] => [s.trim(), scope]);
  });
}
