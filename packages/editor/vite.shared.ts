// Settings both builds share.
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';

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

export const shared: UserConfig = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // monaco-editor's exports map `./*` to `.js` files; its CSS is reached by path.
  resolve: { alias: [{ find: /^monaco-editor\/(.*\.css)$/, replacement: `${monacoEsm}$1` }] },
  plugins: [monacoStyleSheetsViaCssom()],
  worker: { format: 'es' },
  // The bundled example lives in the repository's examples/.
  server: { fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
};
