// Screening in a web worker: the loaded records stay here (they never leave the page), and each
// edit of the rules re-screens all of them with the engine.
import { setDefaultLanguage } from '@visit/dsl';
import { ScreeningSession } from '../records/session';
import { serve } from './client';
import type { ScreeningMethods, ScreeningResult } from './protocol';

const session = new ScreeningSession();

serve<ScreeningMethods>(
  {
    // The rules' errors (the engine compiles with the dsl's checker) and the session's own messages.
    setLanguage: ({ lang }) => {
      setDefaultLanguage(lang);
      session.setLanguage(lang);
      return null;
    },
    load: ({ name, text }) => session.load(name, text),
    screen: ({ source, asOf, params, showIds }) => session.screen(source, asOf, params, showIds),
    explain: (request) => session.explain(request),
    jsonLogic: ({ source, asOf, params }) => session.jsonLogic(source, asOf, params),
    compare: (request) => session.compare(request),
    document: (request) => session.document(request),
  },
  // The outcome arrays move to the page without a copy.
  (result) => {
    const r = result as Partial<ScreeningResult> | null;
    return r && r.status instanceof Uint8Array && r.groupValues && r.programValues ? [r.status.buffer, r.groupValues.buffer, r.programValues.buffer] : [];
  },
);
