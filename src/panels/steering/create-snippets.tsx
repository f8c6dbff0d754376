// Code for the "create a vector" action: the same POST /steering/generate the dialog sends, rendered by every snippet
// target (curl -N, mechanex's generate_vectors, fetch reading the frames; the OpenAI clients say they have no call).
import type { SteeringGenerateRequest } from '../../../protocol/steering.ts';
import { RequestCode } from '../../components/ui/request-code.tsx';
import { SNIPPET_TARGETS } from '../../snippets/registry.ts';
import { steeringCreateRequest } from '../../snippets/steering-create.ts';
import { baseUrlOf } from '../../store/connection-slice.ts';
import { useStore } from '../../store/store.ts';

export function CreateSnippets({ body }: { body: SteeringGenerateRequest | undefined }) {
  const target = useStore((s) => s.target);
  const baseUrl = useStore((s) => baseUrlOf(s));
  if (!body) return <p className="hint">Write valid pairs to see the code.</p>;
  const req = steeringCreateRequest({
    target,
    baseUrl,
    apiKey: '',
    pairs: {
      prompts: body.prompts,
      positive_answers: body.positive_answers,
      negative_answers: body.negative_answers ?? [],
    },
    layerIdxs: body.layer_idxs ?? undefined,
    name: body.name ?? undefined,
    method: body.method ?? undefined,
    model: body.model ?? undefined,
  });
  return <RequestCode request={req} targets={SNIPPET_TARGETS} />;
}
