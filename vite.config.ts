import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { API_PREFIXES } from './protocol/routes.ts';

// The playground SPA. In development (`npm run dev` beside `npm run dev:server`), the API prefixes are proxied to
// the Node server.
const API = process.env.API_TARGET ?? 'http://127.0.0.1:8420';
// the API's prefixes come from the route table, plus the relay
const prefixes = [...API_PREFIXES, '/upstream'];

export default defineConfig({
  plugins: [react()],
  server: { proxy: Object.fromEntries(prefixes.map((p) => [p, API])) },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    // Monaco's lazy chunk is ~4 MB minified (~1 MB gzip) whatever we do; it never loads before "Edit as JSON"
    chunkSizeWarningLimit: 4500,
  },
});
