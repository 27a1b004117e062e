// The Visit editor app: the embeddable editor on a page of its own, with the bundled example.
import rules from '../../../examples/tre-hovedveje/tre-hovedveje.visit?raw';
import citizens from '../../../examples/tre-hovedveje/citizens.csv?raw';
import { mountVisitEditor, type MountedVisitEditor } from './mount';

const app = document.getElementById('app')!;
const handle = mountVisitEditor(app, {
  value: rules,
  asOf: '2026-11-23',
  example: { name: 'tre-hovedveje/citizens.csv', text: citizens },
});

// For the browser tests and the benchmark: the handle and Monaco's model API.
declare global {
  interface Window {
    visit: MountedVisitEditor;
  }
}
window.visit = handle;
