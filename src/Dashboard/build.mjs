// Bundles the dashboard into the directory given as the first argument (the host's build passes
// its intermediate output): one script, one style sheet and the files they refer to, with the page
// and the map data beside them. Everything the page loads comes from the host; nothing from a CDN.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output directory>');
  process.exit(2);
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { dashboard: join(here, 'src', 'main.js'), 'dashboard-style': join(here, 'styles', 'dashboard.css') },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
await cp(join(here, 'index.html'), join(out, 'index.html'));
await cp(join(here, 'data'), join(out, 'data'), { recursive: true });
