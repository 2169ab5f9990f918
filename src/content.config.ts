/**
 * The site's one collection: Starlight's `docs`, loaded from the top-level content/ folder.
 * Lessons (content/lessons/*.mdx) add the lesson fields of {@link lessonFields}; reference pages
 * (content/reference) use Starlight's fields only. A lesson missing its order, summary or
 * scenario fails the build.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { LESSON_INCOMPLETE, lessonComplete, lessonFields } from './components/lab/lesson-schema.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: ['**/*.{md,mdx}', '!conf/**'], base: './content' }),
    schema: (context) => docsSchema({ extend: lessonFields })(context).refine(lessonComplete, { message: LESSON_INCOMPLETE }),
  }),
};
