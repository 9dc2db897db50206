// The survey runs' records in storage.local (`survey:<id>`, and `surveys`: their ids,
// newest first), written by the background only, one write at a time (background.ts),
// from the survey view's messages. Everything read back is validated; a record that
// fails is dropped, never used. Only the background imports this (zod).

import { z } from 'zod';
import { SURVEY_LIMITS, type SurveyRun } from './survey';

z.config({ jitless: true });

const RUNS = 'surveys';
const runKey = (id: string) => `survey:${id}`;

const text = (max: number) => z.string().max(max);
const Url = text(SURVEY_LIMITS.url);
const Format = z.enum(['html', 'pdf', 'docx', 'other']);
const Failure = z.enum(['http', 'redirect', 'timeout', 'network', 'notHtml', 'tooLarge', 'encoding', 'notReport', 'attachment', 'offSite', 'stopped', 'error']);
const Year = z.number().int().min(1900).max(2200).nullable();

const ItemSchema = z.object({
  url: Url,
  text: text(SURVEY_LIMITS.text),
  agency: text(SURVEY_LIMITS.text).nullable(),
  year: Year,
  format: Format,
  status: z.enum(['queued', 'checked', 'failed']),
  reason: Failure.optional(),
  detail: text(SURVEY_LIMITS.detail).optional(),
  keys: z.array(text(2_200)).max(200).optional(),
  encoding: text(40).optional(),
  at: text(40).optional(),
});

export const SurveyRunSchema = z.object({
  id: z.string().regex(/^[\w-]{1,64}$/),
  listUrl: Url,
  listTitle: text(SURVEY_LIMITS.text),
  origin: Url,
  tabId: z.number().int().nonnegative().nullable(),
  year: Year,
  createdAt: text(40),
  startedAt: text(40).nullable(),
  finishedAt: text(40).nullable(),
  status: z.enum(['queued', 'listing', 'running', 'done', 'cancelled', 'stopped']),
  stopDetail: text(SURVEY_LIMITS.detail).optional(),
  lists: z
    .array(
      z.object({
        url: Url,
        status: z.enum(['queued', 'read', 'failed']),
        detail: text(SURVEY_LIMITS.detail).optional(),
        found: z.number().int().nonnegative().optional(),
      }),
    )
    .max(SURVEY_LIMITS.listPages),
  items: z.array(ItemSchema).max(SURVEY_LIMITS.items),
  current: Url.nullable(),
}) satisfies z.ZodType<SurveyRun>;

async function ids(): Promise<string[]> {
  const r = await browser.storage.local.get(RUNS);
  const parsed = z
    .array(z.string().regex(/^[\w-]{1,64}$/))
    .max(100)
    .safeParse(r[RUNS] ?? []);
  return parsed.success ? parsed.data : [];
}

export const surveyStore = {
  /** One run, validated (null: none, or it failed validation). */
  async get(id: string): Promise<SurveyRun | null> {
    const r = await browser.storage.local.get(runKey(id));
    const parsed = SurveyRunSchema.safeParse(r[runKey(id)]);
    return parsed.success ? (parsed.data as SurveyRun) : null;
  },

  /** The runs kept, newest first (those that fail validation left out). */
  async all(): Promise<SurveyRun[]> {
    const list = await ids();
    const r = list.length ? await browser.storage.local.get(list.map(runKey)) : {};
    return list.flatMap((id) => {
      const parsed = SurveyRunSchema.safeParse(r[runKey(id)]);
      return parsed.success ? [parsed.data as SurveyRun] : [];
    });
  },

  /** Write a run (validated first: one that fails is refused, with the reason); beyond SURVEY_LIMITS.runs the oldest go. */
  async put(raw: unknown): Promise<void> {
    const parsed = SurveyRunSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`survey refused: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const run = parsed.data;
    const known = await ids();
    // a run keeps its place; a new one comes first
    const list = known.includes(run.id) ? known : [run.id, ...known];
    const gone = list.slice(SURVEY_LIMITS.runs);
    await browser.storage.local.set({ [runKey(run.id)]: run, [RUNS]: list.slice(0, SURVEY_LIMITS.runs) });
    if (gone.length) await browser.storage.local.remove(gone.map(runKey));
  },

  /** Forget every run (with the report memory's "clear"). */
  async clear(): Promise<void> {
    await browser.storage.local.remove([...(await ids()).map(runKey), RUNS]);
  },
};
