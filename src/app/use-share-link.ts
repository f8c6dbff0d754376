// Opens a share link: the request form from the URL fragment goes into the editor (never run automatically), and
// the fragment is removed. Keys are untouched: stored keys stay bound to their own origins.
import { useEffect } from 'react';
import { readShareFragment } from '../store/share-link.ts';
import { useStore } from '../store/store.ts';

export function useShareLinkOnLoad(): void {
  useEffect(() => {
    const shared = readShareFragment(location.hash);
    if (!shared) return;
    const s = useStore.getState();
    s.setDraft(shared.draft);
    if (shared.target === 'custom' && shared.customBaseUrl) s.setCustomBaseUrl(shared.customBaseUrl);
    s.setTarget(shared.target);
    history.replaceState(null, '', location.pathname + location.search);
  }, []);
}
