// What the prompt panel freezes when the user runs: everything needed to build the one request object.

import type { ChatRole } from '../../protocol/chat.ts';
import type { ChatTemplate } from '../../protocol/chat-template.ts';
import type { SamplingMethodName } from '../../protocol/sampling.ts';
import type { RunBehaviors } from './behaviors.ts';
import type { RunGuide } from './guide.ts';
import type { TargetKind } from './request-object.ts';
import type { RunSteering } from './steering.ts';

/** Which playground route a run uses (a key of src/api/routes/registry.ts). */
export type RouteKey = 'chat' | 'completion' | 'generate';

export type Role = ChatRole;

export interface Message {
  readonly role: Role;
  readonly content: string;
}

export type SamplingMethod = SamplingMethodName;

export interface RunParams {
  readonly max_tokens: number;
  readonly temperature: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly sampling_method?: SamplingMethod;
  readonly stop: readonly string[];
  readonly seed?: number;
}

export interface RunSpec {
  readonly target: TargetKind;
  /** The API's base URL (logical), without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly mode: RouteKey;
  readonly model: string;
  readonly messages: readonly Message[];
  readonly prompt: string;
  readonly params: RunParams;
  readonly stream: boolean;
  /** Ask for per-token logprobs with this many alternatives (0 = none). */
  readonly topLogprobs: number;
  /** An edited JSON body that replaces the one built from the form (raw mode). */
  readonly rawBody?: Readonly<Record<string, unknown>>;
  readonly chatTemplate?: ChatTemplate;
  /** Continue the final assistant message instead of starting a new one (the `continue_final_message` extension). */
  readonly continueFinal?: boolean;
  /** A constraint or policy the output must follow (guided generation). */
  readonly guide?: RunGuide;
  /** A steering vector at a strength (none: unsteered). */
  readonly steering?: RunSteering;
  /** Behaviors the SAE monitors (or forces) in this run. */
  readonly behaviors?: RunBehaviors;
}
