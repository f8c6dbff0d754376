// The Policies tool: compare two policies side by side, evaluate one over a list of prompts.
import type { ChatTemplate } from '../../api/request-object.ts';
import { CompareView } from './compare-view.tsx';
import { EvaluateView } from './evaluate-view.tsx';

export function PoliciesPanel({ chatTemplate }: { chatTemplate?: ChatTemplate }) {
  return (
    <div className="policies-panel">
      <CompareView chatTemplate={chatTemplate} />
      <EvaluateView chatTemplate={chatTemplate} />
    </div>
  );
}
