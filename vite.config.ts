import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The playground SPA. The API prefixes are proxied to the Node server in development.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist' },
});
