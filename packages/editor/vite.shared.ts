// Settings both builds share.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { MONACO_DA } from './src/language/monaco-da';

const monacoEsm = fileURLToPath(new URL('node_modules/monaco-editor/esm/vs/', import.meta.url));
const cspModule = fileURLToPath(new URL('src/language/csp.ts', import.meta.url));

/**
 * Monaco's createStyleSheet appends a `<style>` element, which a strict CSP (no
 * 'unsafe-inline' styles) refuses: it adopts a constructed stylesheet instead (src/language/csp.ts).
 * The build fails if Monaco's code no longer has the line replaced.
 */
function monacoStyleSheetsViaCssom(): Plugin {
  const appendLine = 'container.appendChild(style);';
  return {
    name: 'visit-monaco-stylesheets-via-cssom',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('/monaco-editor/esm/vs/base/browser/domStylesheets.js')) return null;
      if (code.split(appendLine).length !== 2) throw new Error(`domStylesheets.js: expected one "${appendLine}" (Monaco changed: update vite.shared.ts and src/language/csp.ts)`);
      const replaced = code.replace(appendLine, '__visitAdoptStyleElement(style, container);');
      return { code: `import { adoptStyleElement as __visitAdoptStyleElement } from ${JSON.stringify(cspModule)};\n${replaced}`, map: null };
    },
  };
}

/** Monaco's `localize(N, 'English')` and `localize2(N, "English")` calls: the message numbers of each English text. */
export function monacoMessageNumbers(esmDir: string): Map<string, number[]> {
  const numbers = new Map<string, number[]>();
  const call = /\blocalize2?\((\d+),\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        for (const m of readFileSync(path, 'utf8').matchAll(call)) {
          const text = unquote(m[2]!);
          numbers.set(text, [...(numbers.get(text) ?? []), Number(m[1])]);
        }
      }
    }
  };
  walk(esmDir);
  return numbers;
}

/** A JavaScript string literal's value ('…' or "…"), read without evaluating it. */
function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  let json = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[++i]!;
      // JSON's escapes as they are; \xHH as \u00HH; any other (\' \0 \v …) is the character.
      json += '"\\/bfnrtu'.includes(next) ? `\\${next}` : next === 'x' ? '\\u00' : next === '0' ? '\\u0000' : next === 'v' ? '\\u000b' : next;
    } else if (c === '"') json += '\\"';
    else if (c < ' ') json += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else json += c;
  }
  return JSON.parse(`"${json}"`) as string;
}

/**
 * `virtual:visit-monaco-da`: Monaco's messages in Danish by message number (src/language/monaco-da.ts,
 * read by src/language/monaco-nls.ts). The build fails when an English text of the catalogue is
 * no longer in the installed Monaco.
 */
function monacoDanish(): Plugin {
  const id = 'virtual:visit-monaco-da';
  return {
    name: 'visit-monaco-danish',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(loaded) {
      if (loaded !== `\0${id}`) return null;
      const numbers = monacoMessageNumbers(monacoEsm);
      const table: Record<number, string> = {};
      const missing: string[] = [];
      for (const [english, danish] of Object.entries(MONACO_DA)) {
        const found = numbers.get(english);
        if (!found) missing.push(english);
        for (const n of found ?? []) table[n] = danish;
      }
      if (missing.length > 0) throw new Error(`src/language/monaco-da.ts: not in this Monaco any more: ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

export const shared: UserConfig = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // monaco-editor's exports map `./*` to `.js` files; its CSS is reached by path.
  resolve: { alias: [{ find: /^monaco-editor\/(.*\.css)$/, replacement: `${monacoEsm}$1` }] },
  plugins: [monacoStyleSheetsViaCssom(), monacoDanish()],
  worker: { format: 'es' },
  // The bundled example lives in the repository's examples/.
  server: { fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
};
