import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { restoreLastRun } from './app/last-run.ts';
import { readShareFragment } from './store/share-link.ts';
import { useStore } from './store/store.ts';
import './app/app.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

// history first; then the run the page showed last comes back (a reload keeps the output and the SAE view), unless
// the page opens a share link (read before the app removes the fragment)
const shared = readShareFragment(location.hash) !== undefined;
void useStore
  .getState()
  .initHistory()
  .then(() => restoreLastRun({ shared }));

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
