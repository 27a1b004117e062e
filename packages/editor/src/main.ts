// The Visit editor app: the embeddable editor on a page of its own, with the bundled example.
import rules from '../../../examples/tre-hovedveje/tre-hovedveje.visit?raw';
import citizens from '../../../examples/tre-hovedveje/citizens.csv?raw';
import type { MountedVisitEditor } from './mount';
import { editorLanguage, WORDS } from './words';

const app = document.getElementById('app')!;
// `?lang=da` or `?lang=en` chooses the language; without it the browser's (mountVisitEditor's default).
const asked = new URLSearchParams(location.search).get('lang');
const option = asked === 'da' || asked === 'en' ? asked : undefined;
// The page speaks the editor's language (mountVisitEditor decides it the same way).
const lang = editorLanguage(option);
document.documentElement.lang = lang;
document.title = WORDS[lang].appTitle;
// Loaded after <html lang> is set: Monaco names its commands (the context menu) as it loads, in
// the page's language (language/monaco-nls.ts).
const { mountVisitEditor } = await import('./mount');
const handle = mountVisitEditor(app, {
  value: rules,
  asOf: '2026-11-23',
  example: { name: 'tre-hovedveje/citizens.csv', text: citizens },
  ...(option ? { lang: option } : {}),
});

// For the browser tests and the benchmark: the handle and Monaco's model API.
declare global {
  interface Window {
    visit: MountedVisitEditor;
  }
}
window.visit = handle;
