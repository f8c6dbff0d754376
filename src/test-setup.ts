// Vitest setup: DOM matchers for the browser-side tests (harmless in node-environment files).
import '@testing-library/jest-dom/vitest';
