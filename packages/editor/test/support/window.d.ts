import type { VisitEditorHandle } from '../../src/mount';

declare global {
  interface Window {
    visit: VisitEditorHandle;
  }
}
