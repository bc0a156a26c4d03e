import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement, type ComponentProps } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { register } from 'node:module';
import { catalogues } from '@/lib/i18n/catalogues';

// The component imports its stylesheet, which Next bundles; Node has no loader for it: load it as nothing.
const cssAsNothing = `export async function load(url, context, next) { return url.endsWith('.css') ? { format: 'module', source: '', shortCircuit: true } : next(url, context); }`;
register(`data:text/javascript,${encodeURIComponent(cssAsNothing)}`);
const { TargetsEditor } = await import('@/components/targets/targets-editor');

// The provider's props type requires `children`; the editor, createElement's third argument, takes its place.
const intl: ComponentProps<typeof NextIntlClientProvider> = { locale: 'en', messages: catalogues.en, timeZone: 'UTC', children: null };
const render = () =>
  renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      intl,
      createElement(TargetsEditor, {
        initial: [
          { id: '', name: 'ILO Office', role: '', email: '', language: 'en' },
          { id: '', name: 'Embassy', role: '', email: '', language: 'ar' },
        ],
        language: 'en',
      }),
    ),
  );

test("the targets editor gives its fields the same ids on every render, so the server's page and the browser's agree", () => {
  const first = render();
  assert.match(first, /id="target-role-0"/);
  assert.equal(render(), first);
});
