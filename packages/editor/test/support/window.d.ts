import type { MountedVisitEditor } from '../../src/mount';

declare global {
  interface Window {
    visit: MountedVisitEditor;
  }
}
