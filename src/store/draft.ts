// The prompt draft: what the user is editing. Persisted (versioned) so it survives a reload; never holds a key.
// Stored drafts and share links are read with draftSchema, which keeps each well-formed field and puts the
// default in place of anything else (a damaged field never loses the rest of the draft).
import { z } from 'zod';
import { chatRoles } from '../../protocol/chat.ts';
import { MAX_MODEL_ID_CHARS, MAX_STOP_SEQUENCES, MAX_TOP_LOGPROBS } from '../../protocol/limits.ts';
import { samplingMethods } from '../../protocol/sampling.ts';
import { MAX_STEERING_STRENGTH } from '../../protocol/steering-fields.ts';
import { DEFAULT_BEHAVIORS, type DraftBehaviors, MAX_BEHAVIORS } from '../api/behaviors.ts';
import { DEFAULT_GUIDE, type DraftGuide } from '../api/guide-from-draft.ts';
import { ROUTE_KEYS } from '../api/routes/registry.ts';
import type { Message, RouteKey, RunParams } from '../api/run-spec.ts';
import { DEFAULT_STEERING, type DraftSteering, MAX_MIX } from '../api/steering.ts';
import { readVersioned, type Versioned, versionField } from './versioned.ts';

/** A message being edited, with a stable id for the list (the wire format has none). */
export interface DraftMessage extends Message {
  readonly id: string;
  /** Earlier and later versions of an assistant reply (Regenerate keeps them browsable); `content` is the shown one. */
  readonly versions?: readonly string[];
  /** Which of `versions` is shown. */
  readonly version?: number;
  /** The run writing (or that wrote) the shown version: its tokens carry the logprobs. */
  readonly runId?: string;
  /** What the user should know about the shown version ("stopped", "connection lost after …"). */
  readonly notice?: string;
  /** While Continue streams: the text the new characters are appended to (not saved). */
  readonly streamPrefix?: string;
}

export const newMessageId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `m${Math.random().toString(36).slice(2)}`;

export interface Draft {
  mode: RouteKey;
  model: string;
  messages: DraftMessage[];
  composer: string;
  prompt: string;
  params: RunParams;
  stream: boolean;
  topLogprobs: number;
  /** Raw mode: an edited JSON body (text) that replaces the form's body until the user returns to the form. */
  rawBody?: string;
  /** What the user typed into a field that is not (yet) a valid value, by field: kept as typed, shown, blocks Run. */
  fieldText: Record<string, string>;
  /** Guided generation: the constraint or policy being edited. */
  guide: DraftGuide;
  /** Steering: the picked vector and its strength. */
  steering: DraftSteering;
  /** Behaviors: the picked ones (monitored or forced) and whether tokens' top features are asked for. */
  behaviors: DraftBehaviors;
}

export const DEFAULT_PARAMS: RunParams = { max_tokens: 400, temperature: 0.8, top_p: 0.95, stop: [] };

export const DEFAULT_DRAFT: Draft = {
  mode: 'chat',
  model: 'austen-mini',
  messages: [],
  composer: '',
  prompt: 'It is a truth universally acknowledged',
  params: DEFAULT_PARAMS,
  stream: true,
  topLogprobs: 5,
  fieldText: {},
  guide: DEFAULT_GUIDE,
  steering: DEFAULT_STEERING,
  behaviors: DEFAULT_BEHAVIORS,
};

const finite = z.number().refine(Number.isFinite);
const optionalNumber = finite.optional().catch(undefined);

/** Versions kept per reply (Regenerate beyond this drops the oldest). */
export const MAX_VERSIONS = 20;

const messageSchema = z.object({
  id: z.string().min(1).optional().catch(undefined),
  role: z.enum(chatRoles),
  content: z.string(),
  versions: z.array(z.string()).min(1).max(MAX_VERSIONS).optional().catch(undefined),
  version: z.number().int().min(0).optional().catch(undefined),
  notice: z.string().max(500).optional().catch(undefined),
});

/** Saved messages keep their reply versions and notices; the run (its tokens) lasts only for the page's life. */
const messagesSchema = z.array(z.unknown()).transform((list) =>
  list.flatMap((m): DraftMessage[] => {
    const r = messageSchema.safeParse(m);
    if (!r.success) return [];
    const { id, role, content, versions, version, notice } = r.data;
    const out: DraftMessage = { id: id ?? newMessageId(), role, content };
    const v = versions && version !== undefined && version < versions.length ? { versions, version } : {};
    return [{ ...out, ...v, ...(notice ? { notice } : {}) }];
  }),
);

const paramsSchema = z.object({
  max_tokens: finite.catch(DEFAULT_PARAMS.max_tokens),
  temperature: finite.catch(DEFAULT_PARAMS.temperature),
  top_p: optionalNumber,
  top_k: optionalNumber,
  sampling_method: z.enum(samplingMethods).optional().catch(undefined),
  stop: z
    .array(z.unknown())
    .transform((l) => l.filter((s): s is string => typeof s === 'string').slice(0, MAX_STOP_SEQUENCES))
    .catch([]),
  seed: optionalNumber,
});

const guideText = z.string().max(200_000).catch('');
const guideSchema = z.object({
  kind: z.enum(['none', 'json_schema', 'regex', 'grammar', 'policy']).catch('none'),
  transport: z.enum(['openai', 'direct']).catch('openai'),
  texts: z
    .object({ json_schema: guideText, regex: guideText, grammar: guideText, policy: guideText })
    .catch(DEFAULT_GUIDE.texts),
  policyId: z.string().max(200).optional().catch(undefined),
});

const strengthSchema = finite.min(-MAX_STEERING_STRENGTH).max(MAX_STEERING_STRENGTH).catch(0);
const partSchema = z.object({ vectorId: z.string().max(200).catch(''), strength: strengthSchema });
const steeringSchema = z
  .object({
    vectorId: z.string().max(200).catch(''),
    strength: strengthSchema,
    more: z
      .array(partSchema)
      .max(MAX_MIX - 1)
      .optional()
      .catch(undefined),
    // a layer's floats: at most a wide model's width
    floats: z
      .record(z.string().max(200), z.record(z.string().max(100), z.array(finite).max(65_536)))
      .optional()
      .catch(undefined),
  })
  .transform(
    ({ more, floats, ...s }): DraftSteering => ({
      ...s,
      ...(more?.length ? { more } : {}),
      ...(floats && Object.keys(floats).length ? { floats } : {}),
    }),
  );

const pickedSchema = z.object({
  name: z.string().min(1).max(200),
  mode: z.enum(['monitor', 'forced']).catch('monitor'),
});
const behaviorsSchema = z
  .object({
    // a malformed entry is dropped alone
    picked: z
      .array(z.unknown())
      .transform((l) => l.flatMap((x) => pickedSchema.safeParse(x).data ?? []).slice(0, MAX_BEHAVIORS))
      .catch([]),
    features: z.boolean().catch(DEFAULT_BEHAVIORS.features),
  })
  .transform(
    (b): DraftBehaviors => ({
      // one chip per name
      picked: b.picked.filter((p, i) => b.picked.findIndex((q) => q.name === p.name) === i),
      features: b.features,
    }),
  );

export const draftSchema = z.object({
  mode: z.enum(ROUTE_KEYS as [RouteKey, ...RouteKey[]]).catch(DEFAULT_DRAFT.mode),
  model: z.string().max(MAX_MODEL_ID_CHARS).catch(DEFAULT_DRAFT.model),
  messages: messagesSchema.catch([]),
  composer: z.string().catch(''),
  prompt: z.string().catch(DEFAULT_DRAFT.prompt),
  params: paramsSchema.catch({ ...DEFAULT_PARAMS, stop: [...DEFAULT_PARAMS.stop] }),
  stream: z.boolean().catch(DEFAULT_DRAFT.stream),
  topLogprobs: z
    .number()
    .min(0)
    .max(MAX_TOP_LOGPROBS)
    .transform((n) => Math.floor(n))
    .catch(DEFAULT_DRAFT.topLogprobs),
  rawBody: z.string().optional().catch(undefined),
  fieldText: z.record(z.string(), z.string()).catch({}),
  guide: guideSchema.catch(DEFAULT_GUIDE),
  steering: steeringSchema.catch(DEFAULT_STEERING),
  behaviors: behaviorsSchema.catch(() => DEFAULT_BEHAVIORS),
});

/** Accepts a partial draft from storage or a share link, keeping only well-formed fields. */
export function sanitizeDraft(p: unknown): Draft {
  const r = draftSchema.safeParse(typeof p === 'object' && p !== null ? p : {});
  const d: Draft = r.success ? r.data : DEFAULT_DRAFT;
  if (d.rawBody === undefined) delete d.rawBody;
  if (d.guide.policyId === undefined) {
    const { policyId: _none, ...guide } = d.guide;
    d.guide = guide;
  }
  return d;
}

const KEY = 'axplay.draft';
const VERSION = 1;
const draftVersions: Versioned<z.ZodObject<{ version: z.ZodLiteral<1>; draft: z.ZodUnknown }>> = {
  what: 'draft',
  current: VERSION,
  versionOf: versionField('version'),
  steps: {},
  schema: z.object({ version: z.literal(VERSION), draft: z.unknown() }),
};

export function loadDraft(): Draft {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULT_DRAFT;
    return sanitizeDraft(readVersioned(draftVersions, JSON.parse(raw)).draft);
  } catch {
    return DEFAULT_DRAFT;
  }
}

export function saveDraft(d: Draft): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ version: VERSION, draft: d }));
  } catch {
    // storage full or disabled: the draft lives in memory only
  }
}
