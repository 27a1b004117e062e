// The embeddable Visit editor: `mountVisitEditor(element, { value, records, asOf, onChange })`.
import './styles.css';
export { mountVisitEditor, type VisitEditorHandle, type VisitEditorOptions } from './mount';
