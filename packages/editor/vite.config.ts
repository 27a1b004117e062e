// The app: `vite build` writes dist/, served by scripts/serve.mjs (`pnpm editor`).
import { defineConfig } from 'vite';
import { shared } from './vite.shared.ts';

export default defineConfig({
  ...shared,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 6000 },
});
