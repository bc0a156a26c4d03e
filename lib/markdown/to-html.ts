import type { Element, Nodes } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';

const LINK_REL = ['nofollow', 'noopener', 'noreferrer', 'ugc'];

/**
 * Everything an organiser's Markdown may become; anything else is unwrapped to its text. Every key
 * is given, so nothing falls back to the library's (GitHub-like, much wider) default schema.
 */
const SCHEMA: Schema = {
  tagNames: ['p', 'h2', 'h3', 'h4', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'br', 'hr', 'code', 'pre', 'span'],
  // Only a link's address survives (and the rel it is given below); no id, class, style, src or handler.
  attributes: { a: ['href', ['rel', ...LINK_REL]] },
  required: { a: { rel: LINK_REL } },
  protocols: { href: ['http', 'https', 'mailto'] },
  ancestors: { li: ['ol', 'ul'] },
  // Their content is code, never text to show.
  strip: ['script', 'style'],
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};

// The sanitiser lets relative addresses through; a petition's links (also sent in emails) must be absolute.
const ABSOLUTE_URL = /^(https?:|mailto:)/i;

/** Headings sit below the page's own title; an image shows its alt text and loads nothing. */
function reshape(node: Nodes): void {
  if (node.type === 'element') {
    if (node.tagName === 'h1') node.tagName = 'h2';
    if (node.tagName === 'h5' || node.tagName === 'h6') node.tagName = 'h4';
    if (node.tagName === 'img') asAltText(node);
    const href = node.properties.href;
    if (href !== undefined && !(typeof href === 'string' && ABSOLUTE_URL.test(href))) delete node.properties.href;
  }
  if ('children' in node) for (const child of node.children) reshape(child);
}

function asAltText(img: Element): void {
  const alt = img.properties.alt;
  img.tagName = 'span';
  img.children = typeof alt === 'string' ? [{ type: 'text', value: alt }] : [];
  img.properties = {};
}

/**
 * Organisers' Markdown as HTML, for pages and emails alike: raw HTML is dropped (never passed
 * through), links keep only http(s) and mailto addresses and get rel="nofollow noopener noreferrer
 * ugc", images are not loaded, headings are demoted below the page title; sanitised by
 * hast-util-sanitize with the explicit schema above. Pure.
 */
export function markdownToHtml(markdown: string): string {
  const tree = toHast(fromMarkdown(markdown));
  reshape(tree);
  return toHtml(sanitize(tree, SCHEMA));
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
