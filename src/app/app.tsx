import { useEffect } from 'react';
import { ConnectionPanel } from '../panels/connection/connection-panel.tsx';
import { HistoryPanel } from '../panels/history/history-panel.tsx';
import { InspectorPanel } from '../panels/inspector/inspector-panel.tsx';
import { ModelsPanel } from '../panels/models/models-panel.tsx';
import { OutputPanel } from '../panels/output/output-panel.tsx';
import { PromptPanel } from '../panels/prompt/prompt-panel.tsx';
import { SnippetsPanel } from '../panels/snippets/snippets-panel.tsx';
import { useStore } from '../store/store.ts';
import { continueRun, regenerate, startRun, stopRun } from './run-controller.ts';
import { useChatTemplate, useNextRequest } from './use-next-request.ts';
import { useShareLinkOnLoad } from './use-share-link.ts';

export function App() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const chatTemplate = useChatTemplate();
  const next = useNextRequest(chatTemplate);
  useShareLinkOnLoad();
  const run = () => void startRun(chatTemplate);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void startRun(chatTemplate);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [chatTemplate]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>axplay</h1>
        <span className="hint">a playground for Axionic-style inference APIs</span>
        <span className="spacer" />
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      <main className="layout">
        <div className="column">
          <ConnectionPanel />
          <ModelsPanel />
          <HistoryPanel />
        </div>
        <div className="column">
          <PromptPanel onRun={run} onStop={() => stopRun()} />
          <OutputPanel onContinue={continueRun} onRegenerate={() => void regenerate(chatTemplate)} />
        </div>
        <div className="column right">
          <SnippetsPanel next={next} />
          <InspectorPanel next={next} />
        </div>
      </main>
    </div>
  );
}
