// Settings both builds share.
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const monacoEsm = fileURLToPath(new URL('node_modules/monaco-editor/esm/vs/', import.meta.url));

export const shared: UserConfig = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // monaco-editor's exports map `./*` to `.js` files; its CSS is reached by path.
  resolve: { alias: [{ find: /^monaco-editor\/(.*\.css)$/, replacement: `${monacoEsm}$1` }] },
  worker: { format: 'es' },
  // The bundled example lives in the repository's examples/.
  server: { fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
};
