// Code for the "create a behavior" action: the same POST /behaviors/create the dialog sends, rendered by every
// snippet target (curl, mechanex's create_behavior, fetch; the OpenAI clients say they have no call).
import type { BehaviorCreateRequest } from '../../api/behaviors-client.ts';
import { RequestCode } from '../../components/ui/request-code.tsx';
import { behaviorCreateRequest } from '../../snippets/behavior-create.ts';
import { SNIPPET_TARGETS } from '../../snippets/registry.ts';
import { baseUrlOf } from '../../store/connection-slice.ts';
import { useStore } from '../../store/store.ts';

export function BehaviorCreateSnippets({ body }: { body: BehaviorCreateRequest | undefined }) {
  const target = useStore((s) => s.target);
  const baseUrl = useStore((s) => baseUrlOf(s));
  if (!body) return <p className="hint">Write valid pairs and a name to see the code.</p>;
  return (
    <RequestCode request={behaviorCreateRequest({ target, baseUrl, apiKey: '', body })} targets={SNIPPET_TARGETS} />
  );
}
