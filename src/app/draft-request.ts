// The request the current draft describes, from the store's state: the Run button, the inspector and the
// snippets all call this, so what is shown is what is sent. A turn (Regenerate, Continue) sends part of the
// conversation through the same function.
import { requestFromDraft, type Turn } from '../api/request-from-draft.ts';
import type { ChatTemplate, RequestObject } from '../api/request-object.ts';
import { baseUrlOf } from '../store/connection-slice.ts';
import type { AppState } from '../store/store.ts';

export function draftRequest(s: AppState, chatTemplate?: ChatTemplate, turn?: Turn): RequestObject {
  return requestFromDraft(
    s.draft,
    { target: s.target, baseUrl: baseUrlOf(s), apiKey: s.keys[s.target] },
    chatTemplate,
    turn,
  );
}
