// The embedding example's script: a file (no inline script), so the page works under
// `Content-Security-Policy: default-src 'self'; worker-src 'self'`.
import { mountVisitEditor } from '../dist-lib/visit-editor.js';

const rules = `record Borger {
  cpr:      text key personal "CPR-nummer"
  literacy: integer 1..5 optional "Læseniveau"
  benefit:  one of (dagpenge, kontanthjaelp) "Ydelse"
}

param min_læs = 3 "Mindste læseniveau"

program jobklub "Jobklub" {
  require benefit = dagpenge "For dagpengemodtagere"
  require literacy >= min_læs "Læser godt nok"
}
`;

const editor = mountVisitEditor(document.getElementById('rules'), {
  value: rules,
  // Records as objects (or CSV / NDJSON text).
  records: [
    { cpr: '0101701234', literacy: 4, benefit: 'dagpenge' },
    { cpr: '0202801234', literacy: 2, benefit: 'dagpenge' },
    { cpr: '0303901234', benefit: 'kontanthjaelp' },
    { cpr: '0404001234', benefit: 'dagpenge' },
  ],
  asOf: '2026-11-23',
  onChange(text) {
    document.getElementById('length').value = String(text.length);
  },
});
window.visit = editor;
