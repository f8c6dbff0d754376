import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The SPA's entry point. The playground panels (connection, models, prompt, inspector, history, snippets)
// are built on the local server's API; until they land, this page says what is available.
function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', lineHeight: 1.5 }}>
      <h1>axplay</h1>
      <p>
        The local model and its engine are ready: try <code>npm run generate -- --prompt "It is a truth"</code>. The
        browser playground is not built yet (see the README's Limitations).
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
