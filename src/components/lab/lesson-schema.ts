/**
 * The frontmatter a lesson adds to Starlight's page fields. All optional at the schema level
 * (reference pages share the collection); {@link isLesson} and the lesson layout require them
 * together: a page with a `scenario` is a lesson and must have `order` and `summary` too.
 */
import { z } from 'astro/zod';
import { TUTORIAL_CONFS } from './scenario.ts';

const fileSchema = z.union([
  z.enum(Object.keys(TUTORIAL_CONFS) as [string, ...string[]]).describe('A tutorial config, copied to /home/learner/<port>/<name>.'),
  z.object({
    path: z.string().min(1).describe('Absolute, or relative to /home/learner.'),
    text: z.string(),
  }),
]);

/** A lesson's starting state (see ScenarioInput in ./scenario.ts for each field). */
export const scenarioSchema = z
  .object({
    files: z.array(fileSchema).default([]),
    running: z.array(z.string()).default([]),
    speed: z.number().min(0.25).max(10).default(1),
  })
  .refine((s) => s.running.every((r) => s.files.some((f) => (typeof f === 'string' ? f : f.path).split('/').pop() === r)), {
    message: 'every `running` entry must name a file of the scenario',
  });

/** Why `source` is not a JavaScript regular expression, or null when it is one. */
export function regexError(source: string): string | null {
  try {
    new RegExp(source);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A JavaScript regular expression's source (no slashes, no flags), checked at build time. */
const regexSource = z
  .string()
  .min(1)
  .superRefine((source, ctx) => {
    const error = regexError(source);
    if (error !== null) ctx.addIssue({ code: 'custom', message: `not a valid JavaScript regular expression: ${JSON.stringify(source)} (${error})` });
  });

/** The kinds of goal check, each a key of {@link goalCheckSchema}. */
export const CHECK_KINDS = ['output', 'event', 'primary', 'command'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/**
 * How the lab ticks a goal by itself; exactly one key (src/components/lab/goal-matcher.ts):
 * - `output`: a regex; a line printed in any terminal tab matches (escape sequences stripped);
 * - `event`: a regex; a line of the lab's event log (the nodes' log lines) matches, once the
 *   lesson's starting cluster has settled (the boot's own lines do not count);
 * - `primary`: a port; the lab's view names that node the current primary (after the boot);
 * - `command`: a regex; a command line the learner submitted (the shell's `$` prompt or
 *   redis-cli's interactive prompt, Run buttons included) matches.
 */
export const goalCheckSchema = z
  .strictObject({
    output: regexSource.optional(),
    event: regexSource.optional(),
    primary: z
      .union([z.string().regex(/^[0-9]{1,5}$/, 'a port number, e.g. "6380"'), z.number().int().min(1).max(65535)])
      .transform(String)
      .optional(),
    command: regexSource.optional(),
  })
  .superRefine((check, ctx) => {
    const keys = CHECK_KINDS.filter((k) => check[k] !== undefined);
    if (keys.length !== 1) ctx.addIssue({ code: 'custom', message: `a goal check has exactly one of ${CHECK_KINDS.join(', ')} (found ${keys.length === 0 ? 'none' : keys.join(', ')})` });
  });

export const goalSchema = z.object({
  /** What the learner should see or do, in our words (shown as a checklist beside the lesson). */
  text: z.string().min(1),
  /** How the lab ticks it by itself; without one the learner ticks it by hand. */
  check: goalCheckSchema.optional(),
});

/** A goal as a lesson writes it: a plain sentence or `{ text, check? }`. */
export const goalEntrySchema = z.union([z.string().min(1), goalSchema]);

/** A goal check after parsing: exactly one kind, with its pattern or port. */
export type GoalCheck = { kind: CheckKind; value: string };

/** A goal after parsing, the shape the Goals component and the matcher use. */
export interface Goal {
  text: string;
  check?: GoalCheck;
}

/**
 * A lesson's goals (raw frontmatter or parsed) in one shape; throws a readable error on a goal
 * the schema refuses (the build fails with it).
 */
export function normalizeGoals(raw: unknown): Goal[] {
  const parsed = z.array(goalEntrySchema).safeParse(raw ?? []);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `goals.${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid lesson goals: ${issues}`);
  }
  return parsed.data.map((g) => {
    if (typeof g === 'string') return { text: g };
    if (!g.check) return { text: g.text };
    const kind = CHECK_KINDS.find((k) => g.check![k] !== undefined)!;
    return { text: g.text, check: { kind, value: g.check[kind]! } };
  });
}

export const lessonFields = z
  .object({
    /** Position in the curriculum (1, 2, 3, …); also the sidebar order. */
    order: z.number().int().positive().optional(),
    /** One sentence shown on the landing page and in the lesson list. */
    summary: z.string().min(1).optional(),
    /** The lab's starting state: the lab resets to it on entering the lesson and on Reset. */
    scenario: scenarioSchema.optional(),
    /** What the learner should have seen by the end. */
    goals: z.array(goalEntrySchema).default([]),
    /** A planned lesson that is not written yet (listed, marked as coming). */
    coming: z.boolean().default(false),
  });

/** A page with a scenario is a lesson: it needs `order` and `summary` too. */
export function lessonComplete(d: { scenario?: unknown; order?: number; summary?: string }): boolean {
  return d.scenario === undefined || (d.order !== undefined && d.summary !== undefined);
}
export const LESSON_INCOMPLETE = 'a lesson (a page with a scenario) needs `order` and `summary` too';

export type LessonFields = z.infer<typeof lessonFields>;

export function isLesson(d: Partial<LessonFields>): boolean {
  return d.scenario !== undefined;
}
