// The embeddable Visit editor: `mountVisitEditor(element, { value, records, asOf, onChange })`
// returns a handle (diagnostics, JSON Logic, explanations, screening, events, dispose). Its
// declaration file is shipped: it refers only to ./types.js (self-contained), never to ./mount.
import { mountVisitEditor as mount } from './mount';
import type { VisitEditorHandle, VisitEditorOptions } from './types.js';

export type * from './types.js';

/** Mounts the rules editor and its records panel in `element` (give the element a height: the editor fills it). */
export const mountVisitEditor: (element: HTMLElement, options?: VisitEditorOptions) => VisitEditorHandle = mount;
