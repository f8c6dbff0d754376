// Every live route's handler, by route id (one entry per live route of protocol/routes.ts, checked by the type).
import type { ServerDeps } from '../context.ts';
import type { Handlers } from '../register-routes.ts';
import { behaviorHandlers } from './behaviors.ts';
import { chatHandlers } from './chat.ts';
import { completionHandlers } from './completions.ts';
import { generateHandlers } from './generate.ts';
import { modelHandlers } from './models.ts';
import { openApiHandlers } from './openapi.ts';
import { policyHandlers } from './policies.ts';
import { policyBatchHandlers } from './policy-batch.ts';
import { saeHandlers } from './sae.ts';
import { saeGenerateHandlers } from './sae-generate.ts';
import { samplingHandlers } from './sampling.ts';
import { steeringHandlers } from './steering.ts';

export function createHandlers(deps: ServerDeps): Handlers {
  return {
    ...modelHandlers(deps),
    ...openApiHandlers(deps),
    ...chatHandlers(deps),
    ...completionHandlers(deps),
    ...generateHandlers(deps),
    ...samplingHandlers(deps),
    ...policyHandlers(deps),
    ...policyBatchHandlers(deps),
    ...steeringHandlers(deps),
    ...saeHandlers(deps),
    ...behaviorHandlers(deps),
    ...saeGenerateHandlers(deps),
  };
}
