import { markdownToHtmlCached } from '@/lib/markdown/to-html';

/**
 * Organisers' Markdown: raw HTML is dropped, links are sanitised, headings are demoted below the
 * page title (one renderer, lib/markdown/to-html.ts, for pages and emails).
 */
export function Markdown({ source }: { source: string }) {
  // The HTML is built from a sanitised syntax tree, never from organisers' raw HTML.
  return <div className="prose" dir="auto" dangerouslySetInnerHTML={{ __html: markdownToHtmlCached(source) }} />;
}
