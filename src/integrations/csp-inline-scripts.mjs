// @ts-check
/**
 * Adds the SHA-256 of every inline <script> of a built page to that page's
 * Content-Security-Policy <meta>, next to the hashes Astro computed itself.
 *
 * Why: Astro 7 hashes the scripts it bundles, but `is:inline` scripts (Starlight's theme
 * provider, sidebar-state restore and search shortcut) are emitted verbatim and would be
 * blocked. Only scripts present in the built HTML are allowed: the policy stays hash-locked,
 * with no 'unsafe-inline' for scripts. The e2e tests check that no page reports a violation.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(p);
    else if (entry.name.endsWith('.html')) yield p;
  }
}

/** @param {string} html @returns {string} */
export function addInlineScriptHashes(html) {
  const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
  if (!meta) return html;
  let policy = meta[1];
  const hashes = new Set();
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc=/i.test(attrs) || /type="(application\/(ld\+)?json|text\/template)"/i.test(attrs)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  const missing = [...hashes].filter((h) => !policy.includes(h));
  if (missing.length === 0) return html;
  policy = policy.replace(/script-src ([^;]*)/, (_, list) => `script-src ${list.trim()} ${missing.join(' ')}`);
  return html.slice(0, meta.index) + `<meta http-equiv="content-security-policy" content="${policy}"` + html.slice(meta.index + meta[0].length);
}

/** @returns {import('astro').AstroIntegration} */
export function hashInlineScripts() {
  return {
    name: 'redis-ha-lab:csp-inline-scripts',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        let changed = 0;
        for await (const file of htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, 'utf8');
          const next = addInlineScriptHashes(html);
          if (next !== html) {
            await writeFile(file, next);
            changed++;
          }
        }
        logger.info(`inline script hashes added to the CSP of ${changed} page(s)`);
      },
    },
  };
}
