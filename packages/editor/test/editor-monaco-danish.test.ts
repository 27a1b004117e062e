// Monaco's own words in Danish (src/language/monaco-da.ts): every English text is one this Monaco
// has (else the build fails: vite.shared.ts), and each Danish text keeps the English one's
// placeholders — `{0}` filled in by Monaco — and its `&&` menu mnemonic, if any.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MONACO_DA } from '../src/language/monaco-da';
import { monacoMessageNumbers } from '../vite.shared';

const esm = fileURLToPath(new URL('../node_modules/monaco-editor/esm/vs/', import.meta.url));
const numbers = monacoMessageNumbers(esm);
const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();

describe("Monaco's words in Danish", () => {
  it.each(Object.entries(MONACO_DA))('%s → %s', (english, danish) => {
    expect(numbers.get(english)?.length ?? 0).toBeGreaterThan(0);
    expect(placeholders(danish)).toEqual(placeholders(english));
    expect(danish.includes('&&')).toBe(english.includes('&&'));
    expect(danish).not.toBe(english);
  });

  it('reads escaped quotes in Monaco\'s literals as the text they stand for', () => {
    // localize(1409, "Press 'Enter' to go to line {0} at column {1}.") and a '…\'…' literal.
    expect(numbers.has("Press 'Enter' to go to line {0} at column {1}.")).toBe(true);
    expect(numbers.has("Icon for 'Find in Selection' in the editor find widget.")).toBe(true);
  });
});
