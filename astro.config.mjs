// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { hashInlineScripts } from './src/integrations/csp-inline-scripts.mjs';

export default defineConfig({
  integrations: [
    // Starlight brings MDX, navigation, prev/next, Pagefind search, light/dark and the mobile menu.
    // Lessons and reference pages load from the top-level content/ folder (src/content.config.ts).
    starlight({
      title: 'Redis HA Lab',
      description: 'Learn Redis replication and Sentinel failover on a live cluster in your browser.',
      favicon: '/favicon.svg',
      customCss: ['./src/styles/site.css'],
      components: {
        TwoColumnContent: './src/components/starlight/TwoColumnContent.astro',
      },
      sidebar: [
        { label: 'Lessons', items: [{ autogenerate: { directory: 'lessons' } }] },
        { label: 'Reference', items: [{ autogenerate: { directory: 'reference' } }] },
      ],
      pagefind: true,
    }),
    // Starlight's own `is:inline` scripts (theme, sidebar state, search shortcut) are not hashed by
    // Astro; this adds the hash of every inline script a built page carries to that page's CSP.
    hashInlineScripts(),
  ],
  markdown: { syntaxHighlight: 'prism' },
  vite: { worker: { format: 'es' } },
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "worker-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
      ],
      // xterm 6 injects <style> elements at run time; scripts stay hash-locked.
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
});
