// The one pure function from what the user is editing to the request: the Run button sends it, the inspector
// shows it and every snippet renders it. The composer's pending text is the next user message.
import { z } from 'zod';
import type { ChatTemplate } from '../../protocol/chat-template.ts';
import { behaviorsFromDraft, behaviorsRouteOnly, type DraftBehaviors } from './behaviors.ts';
import { buildRequest } from './build-request.ts';
import { type DraftGuide, guideFromDraft, guideRouteOnly } from './guide-from-draft.ts';
import type { RequestObject, TargetKind } from './request-object.ts';
import { browserRoute } from './routes/registry.ts';
import type { Message, RouteKey, RunParams, RunSpec } from './run-spec.ts';
import { type DraftSteering, steeringFromDraft } from './steering.ts';

/** The parts of the draft a request is made of. */
export interface DraftInput {
  readonly mode: RouteKey;
  readonly model: string;
  readonly messages: readonly Message[];
  /** Text typed in the message box, not yet in the list. */
  readonly composer: string;
  readonly prompt: string;
  readonly params: RunParams;
  readonly stream: boolean;
  readonly topLogprobs: number;
  /** Raw mode: the edited JSON body, as text. */
  readonly rawBody?: string;
  /** Guided generation: the constraint or policy being edited. */
  readonly guide?: DraftGuide;
  /** The steering panel's vector and strength. */
  readonly steering?: DraftSteering;
  /** The Behaviors panel's picked behaviors. */
  readonly behaviors?: DraftBehaviors;
}

export interface ConnectionInput {
  readonly target: TargetKind;
  readonly baseUrl: string;
  readonly apiKey: string;
}

const objectSchema = z.record(z.string(), z.unknown());

/** Reads the raw mode's text as a JSON object, or throws an error saying what is wrong with it. */
export function parseRawBody(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`The edited body is not valid JSON: ${(e as Error).message}`);
  }
  const r = objectSchema.safeParse(parsed);
  if (!r.success || Array.isArray(parsed)) throw new Error('The edited body must be a JSON object');
  return r.data;
}

/** Whether Run would move the composer's text into the messages. */
export function composerJoins(d: Pick<DraftInput, 'mode' | 'composer' | 'rawBody'>): boolean {
  return browserRoute(d.mode).input === 'messages' && d.composer.trim() !== '' && d.rawBody === undefined;
}

/** A request for part of the conversation instead of the whole draft (Regenerate, Continue). */
export interface Turn {
  /** The messages to send (the composer is not added). */
  readonly messages: readonly Message[];
  /** Continue the last (assistant) message. */
  readonly continueFinal?: boolean;
}

export function specFromDraft(d: DraftInput, c: ConnectionInput, chatTemplate?: ChatTemplate, turn?: Turn): RunSpec {
  const messages = turn
    ? turn.messages
    : composerJoins(d)
      ? [...d.messages, { role: 'user' as const, content: d.composer }]
      : d.messages;
  // continuing a reply is free text: a constraint would start over in the middle of it
  const guide = turn?.continueFinal
    ? undefined
    : d.rawBody !== undefined && !turn
      ? guideRouteOnly(d.guide)
      : guideFromDraft(d.guide, d.mode);
  const raw = d.rawBody !== undefined && !turn;
  const steering = raw ? undefined : steeringFromDraft(d.steering, guide, c);
  return {
    target: c.target,
    baseUrl: c.baseUrl,
    apiKey: c.apiKey,
    mode: d.mode,
    model: d.model,
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    prompt: d.prompt,
    params: d.params,
    stream: d.stream,
    topLogprobs: d.topLogprobs,
    rawBody: d.rawBody === undefined || turn ? undefined : parseRawBody(d.rawBody),
    chatTemplate,
    continueFinal: turn?.continueFinal,
    guide,
    // raw mode sends the edited body as it is (steering and behaviors are in it or not, as the user left them)
    steering,
    behaviors: raw
      ? behaviorsRouteOnly(d.behaviors)
      : behaviorsFromDraft(d.behaviors, { guide, steering, mode: d.mode, stops: d.params.stop.length }),
  };
}

export function requestFromDraft(
  d: DraftInput,
  c: ConnectionInput,
  chatTemplate?: ChatTemplate,
  turn?: Turn,
): RequestObject {
  return buildRequest(specFromDraft(d, c, chatTemplate, turn));
}
