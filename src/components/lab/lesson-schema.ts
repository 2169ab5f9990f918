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

export const goalSchema = z.object({
  /** What the learner should see or do, in our words (shown as a checklist beside the lesson). */
  text: z.string().min(1),
});

export const lessonFields = z
  .object({
    /** Position in the curriculum (1, 2, 3, …); also the sidebar order. */
    order: z.number().int().positive().optional(),
    /** One sentence shown on the landing page and in the lesson list. */
    summary: z.string().min(1).optional(),
    /** The lab's starting state: the lab resets to it on entering the lesson and on Reset. */
    scenario: scenarioSchema.optional(),
    /** What the learner should have seen by the end. */
    goals: z.array(z.union([z.string().min(1), goalSchema])).default([]),
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
