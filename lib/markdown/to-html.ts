import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';

type Node = { type: string; tagName?: string; value?: string; properties?: Record<string, unknown>; children?: Node[] };

const SAFE_URL = /^(https?:|mailto:)/i;
const ALLOWED = new Set(['p', 'h2', 'h3', 'h4', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'br', 'hr', 'code', 'pre']);

function sanitise(node: Node): void {
  if (node.type === 'element' && node.tagName) {
    // Headings sit below the page's own title; anything else (images, raw structures) keeps only its text.
    if (node.tagName === 'h1') node.tagName = 'h2';
    if (node.tagName === 'h5' || node.tagName === 'h6') node.tagName = 'h4';
    if (node.tagName === 'img') node.children = typeof node.properties?.alt === 'string' ? [{ type: 'text', value: node.properties.alt }] : [];
    if (!ALLOWED.has(node.tagName)) {
      node.tagName = 'span';
      node.properties = {};
    }
    const props = (node.properties ??= {});
    for (const key of Object.keys(props)) if (key !== 'href') delete props[key];
    if (typeof props.href === 'string' && !SAFE_URL.test(props.href)) delete props.href;
    if (node.tagName === 'a') props.rel = ['nofollow', 'noopener', 'noreferrer', 'ugc'];
  }
  node.children?.forEach(sanitise);
}

/**
 * Organisers' Markdown as HTML, for pages and emails alike: raw HTML is dropped (never passed
 * through), links keep only http(s) and mailto addresses, images are not loaded, headings are
 * demoted below the page title. Pure.
 */
export function markdownToHtml(markdown: string): string {
  const tree = toHast(fromMarkdown(markdown)) as unknown as Node;
  sanitise(tree);
  return toHtml(tree as never);
}

// A petition page shows the same body to every visitor: render each text once (bounded).
const rendered = new Map<string, string>();

/** markdownToHtml, remembered for the most recent texts: the petition page's hot path. */
export function markdownToHtmlCached(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = markdownToHtml(markdown);
    if (rendered.size >= 200) rendered.delete(rendered.keys().next().value!);
    rendered.set(markdown, html);
  }
  return html;
}
