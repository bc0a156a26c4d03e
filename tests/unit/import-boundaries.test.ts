import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

// The layers' boundaries (see the README's Architecture): components/ import nothing from app/
// (server actions come in as props, their state types from lib/), and db/ imports nothing from lib/
// (it reads its own settings, db/config.ts, and the rest is passed in). ESLint's no-restricted-imports
// says so while editing (eslint.config.mjs); this holds it whether or not lint runs.

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|js|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every module a file imports (static and dynamic imports, re-exports, require), as a path under the root when it is ours. */
function importsOf(file: string): { specifier: string; target: string | null }[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (specifier.startsWith('@/')) return { specifier, target: specifier.slice(2) };
    if (specifier.startsWith('.')) return { specifier, target: path.relative(root, path.resolve(path.dirname(file), specifier)) };
    return { specifier, target: null };
  });
}

function crossings(fromDir: string, forbidden: string): string[] {
  return sourceFiles(fromDir).flatMap((file) =>
    importsOf(file)
      .filter(({ target }) => target !== null && (target === forbidden || target.startsWith(`${forbidden}/`)))
      .map(({ specifier }) => `${path.relative(root, file)} imports ${specifier}`),
  );
}

test('the boundary check sees imports of every form, relative and aliased', () => {
  const seen = importsOf(path.join(root, 'db/migrate.ts')).map((i) => i.target);
  assert.ok(seen.includes('db/connection'), 'a relative import is resolved under the root');
  assert.ok(
    importsOf(path.join(root, 'components/site-header.tsx')).some((i) => i.target?.startsWith('lib/')),
    'an aliased import (@/lib/…) is resolved under the root',
  );
});

test('components/ import nothing from app/', () => {
  assert.deepEqual(crossings('components', 'app'), []);
});

test('db/ imports nothing from lib/', () => {
  assert.deepEqual(crossings('db', 'lib'), []);
});
