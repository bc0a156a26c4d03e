import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toHast } from 'mdast-util-to-hast';

type Node = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: Node[] };

const SAFE_URL = /^(https?:|mailto:)/i;

function sanitise(node: Node): void {
  if (node.type === 'element' && node.properties) {
    for (const key of ['href', 'src']) {
      const value = node.properties[key];
      if (typeof value === 'string' && !SAFE_URL.test(value)) delete node.properties[key];
    }
    if (node.tagName === 'img') node.tagName = 'span';
  }
  node.children?.forEach(sanitise);
}

/**
 * Organisers' Markdown as HTML for email: raw HTML is dropped (never passed through), links keep
 * only http(s) and mailto addresses, images are not loaded.
 */
export function markdownToHtml(markdown: string): string {
  const tree = toHast(fromMarkdown(markdown)) as unknown as Node;
  sanitise(tree);
  return toHtml(tree as never);
}
