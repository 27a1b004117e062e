// Monaco's own widgets in the editor's language. Monaco looks each of its messages up by number in
// `globalThis._VSCODE_NLS_MESSAGES` when it needs the text, and falls back to its English text
// for a number that is not there (monaco-editor/esm/vs/nls.js). Imported before Monaco (monaco.ts):
// the texts Monaco computes as its modules load (the context menu's commands) follow the page's
// language — `<html lang>`, else the browser's; the widgets made later (find, hovers, suggestions,
// rename) follow each mount's language too, set by mountVisitEditor before it creates the editor.
import danish from 'virtual:visit-monaco-da';
import { editorLanguage, type EditorLanguage } from '../words';

type NlsGlobal = { _VSCODE_NLS_MESSAGES?: unknown };
const global = globalThis as NlsGlobal;
/** What the page had before (another copy of Monaco's table, say): kept for English. */
const before = global._VSCODE_NLS_MESSAGES;

export function setMonacoLanguage(lang: EditorLanguage): void {
  global._VSCODE_NLS_MESSAGES = lang === 'da' ? danish : before;
}

/** The page's language: `<html lang="da">`, else the browser's. */
export function pageLanguage(): EditorLanguage {
  const html = typeof document !== 'undefined' ? document.documentElement.lang : '';
  return /^da(?:-|_|$)/i.test(html) ? 'da' : /^en(?:-|_|$)/i.test(html) ? 'en' : editorLanguage();
}

setMonacoLanguage(pageLanguage());
