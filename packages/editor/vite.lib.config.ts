// The embeddable library: `mountVisitEditor` as one ES module plus its CSS, in dist-lib/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { shared } from './vite.shared.ts';

export default defineConfig({
  ...shared,
  build: {
    outDir: 'dist-lib',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    lib: { entry: fileURLToPath(new URL('src/index.ts', import.meta.url)), formats: ['es'], fileName: () => 'visit-editor.js', cssFileName: 'visit-editor' },
  },
});
