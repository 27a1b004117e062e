// The language service in a web worker: the page sends text and positions, gets LSP answers.
import { LanguageService, setDefaultLanguage } from '@visit/dsl';
import { serve } from './client';
import type { LanguageMethods } from './protocol';

const service = new LanguageService();

serve<LanguageMethods>({
  // One worker per editor, so the process's default language is the editor's: the service checks
  // lazily (in whichever request comes first), and every check speaks it.
  setLanguage({ lang }) {
    setDefaultLanguage(lang);
    return null;
  },
  update({ uri, text, version }) {
    const t0 = performance.now();
    service.update(uri, text, version);
    const diagnostics = service.diagnostics(uri);
    return { version, diagnostics, ms: performance.now() - t0 };
  },
  setParams({ params }) {
    service.setParams(params);
    return null;
  },
  complete: ({ uri, position }) => service.complete(uri, position),
  hover: ({ uri, position }) => service.hover(uri, position),
  definition: ({ uri, position }) => service.definition(uri, position),
  references: ({ uri, position, includeDeclaration }) => service.references(uri, position, includeDeclaration),
  documentSymbols: ({ uri }) => service.documentSymbols(uri),
  formatting: ({ uri }) => service.formatting(uri),
  rangeFormatting: ({ uri, range }) => service.rangeFormatting(uri, range),
  prepareRename: ({ uri, position }) => service.prepareRename(uri, position),
  rename: ({ uri, position, newName }) => service.rename(uri, position, newName),
});
