// The page: a compact header (connection, model, theme), the conversation or prompt in the centre with its sticky
// Run bar, parameters in the left side panel, and the tools (code, inspector, history) in the right one. On narrow
// screens the centre comes first and the side panels open as drawers. Coming panels have their places already:
// guided generation, steering and behaviors are sections of the left side panel (a steering comparison shows in the
// centre); the SAE view is a tab of the centre once behaviors are in play.
import { useEffect } from 'react';
import { browserRoute } from '../api/routes/registry.ts';
import { SWEEP_FACTORS, sweepBase } from '../api/steering.ts';
import { ConnectionMenu } from '../panels/connection/connection-menu.tsx';
import { GuideOutput } from '../panels/guide/guide-output-slot.tsx';
import { GuidePanel } from '../panels/guide/guide-panel.tsx';
import { ModelCard } from '../panels/models/model-card.tsx';
import { ModelPicker } from '../panels/models/model-picker.tsx';
import { ParamsPanel } from '../panels/params/params-panel.tsx';
import { BehaviorsPanel } from '../panels/sae/behaviors-panel-slot.tsx';
import { SteeringPanel } from '../panels/steering/steering-panel-slot.tsx';
import { SteeringResults } from '../panels/steering/steering-results-slot.tsx';
import { CompletionView } from '../panels/thread/completion-view.tsx';
import { Composer } from '../panels/thread/composer.tsx';
import { ModeSwitch } from '../panels/thread/mode-switch.tsx';
import { PromptField } from '../panels/thread/prompt-field.tsx';
import { RunBar } from '../panels/thread/run-bar.tsx';
import { ThreadPanel } from '../panels/thread/thread-panel.tsx';
import { useStore } from '../store/store.ts';
import { useContinueState } from './capabilities.ts';
import { CentreTabs } from './centre-tabs.tsx';
import { continuePrompt, continueReply, regenerateReply, runPrompt, sendChat } from './chat-flows.ts';
import { stopAll } from './run-controller.ts';
import { ToolsTabs } from './tools-tabs.tsx';
import { type DrawerName, useDrawer } from './use-drawer.ts';
import { useChatTemplate, useNextRequest } from './use-next-request.ts';
import { useShareLinkOnLoad } from './use-share-link.ts';

/** Shown only where the side panel is a drawer (the CSS decides by width). */
function DrawerClose(p: { name: DrawerName; onClose(): void }) {
  return (
    <button
      type="button"
      className={`drawer-close ${p.name === 'settings' ? 'narrow-only' : 'medium-only'}`}
      onClick={p.onClose}
    >
      Close
    </button>
  );
}

/** A steering comparison (its code loads on first use). */
const compare = (...a: Parameters<typeof import('./steering-flows.ts').compareStrengths>) =>
  import('./steering-flows.ts').then((m) => m.compareStrengths(...a));

function ThemeButton(p: { className: string; theme: 'light' | 'dark'; onToggle(t: 'light' | 'dark'): void }) {
  return (
    <button type="button" className={p.className} onClick={() => p.onToggle(p.theme === 'dark' ? 'light' : 'dark')}>
      {p.theme === 'dark' ? 'Light theme' : 'Dark theme'}
    </button>
  );
}

export function App() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const mode = useStore((s) => s.draft.mode);
  const running = useStore((s) => Object.values(s.runs).some((r) => r.status === 'running'));
  const chatTemplate = useChatTemplate();
  const next = useNextRequest(chatTemplate);
  const continueState = useContinueState();
  const { open: drawer, toggle, close } = useDrawer();
  useShareLinkOnLoad();
  const chat = browserRoute(mode).input === 'messages';
  const run = () => void sendChat(chatTemplate);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void sendChat(chatTemplate);
      } else if (e.key === 'Escape') {
        if (drawer) close();
        else stopAll();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [chatTemplate, drawer, close]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app" data-drawer={drawer}>
      <header className="topbar">
        <h1>axplay</h1>
        <ConnectionMenu />
        <ModelPicker />
        <span className="spacer" />
        <button
          type="button"
          className="header-button narrow-only"
          aria-expanded={drawer === 'settings'}
          aria-controls="side-settings"
          onClick={() => toggle('settings')}
        >
          Settings
        </button>
        <button
          type="button"
          className="header-button medium-only"
          aria-expanded={drawer === 'tools'}
          aria-controls="side-tools"
          onClick={() => toggle('tools')}
        >
          Tools
        </button>
        <ThemeButton className="header-button wide-only" theme={theme} onToggle={setTheme} />
      </header>
      <div className="workspace">
        {drawer && (
          // a click outside the drawer closes it (keyboard users have Escape and the drawer's Close button)
          <div className="drawer-backdrop" aria-hidden="true" onClick={close} />
        )}
        <aside id="side-settings" className="side side-settings" aria-label="Settings">
          <DrawerClose name="settings" onClose={close} />
          <ThemeButton className="narrow-only" theme={theme} onToggle={setTheme} />
          <ParamsPanel />
          <GuidePanel />
          <SteeringPanel
            busy={running}
            onSideBySide={(v) => {
              close();
              void compare('side', useStore.getState().draft.steering, [0, 1], v, chatTemplate);
            }}
            onSweep={(v) => {
              close();
              void compare('sweep', sweepBase(useStore.getState().draft.steering), SWEEP_FACTORS, v, chatTemplate);
            }}
          />
          <BehaviorsPanel />
          <ModelCard />
        </aside>
        <main className="centre">
          <ModeSwitch />
          {!chat && <PromptField />}
          <CentreTabs chat={chat}>
            {chat ? (
              <ThreadPanel
                actions={{
                  onRegenerate: (id) => void regenerateReply(id, chatTemplate),
                  onContinue: (id) => void continueReply(id, chatTemplate),
                  continueState,
                  busy: running,
                }}
              />
            ) : (
              <CompletionView
                onContinue={() => void continuePrompt(chatTemplate)}
                onRerun={() => void runPrompt(chatTemplate)}
                busy={running}
              />
            )}
          </CentreTabs>
          <SteeringResults
            onStop={(viewId, ids) => void import('./steering-flows.ts').then((m) => m.stopComparison(viewId, ids))}
          />
          <div className="dock">
            <GuideOutput />
            {chat && <Composer />}
            <RunBar onRun={run} onStop={stopAll} running={running} />
          </div>
        </main>
        <aside id="side-tools" className="side side-tools" aria-label="Tools">
          <DrawerClose name="tools" onClose={close} />
          <ToolsTabs next={next} chatTemplate={chatTemplate} />
        </aside>
      </div>
    </div>
  );
}
