import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CSV_BOM, csvCell, csvRow } from '@/lib/exports/csv';
import { markdownToHtml } from '@/lib/markdown/to-html';

test('cells a spreadsheet would run as formulas are neutralised', () => {
  for (const bad of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
    assert.ok(csvCell(bad).replace(/^"/, '').startsWith("'"), bad);
  }
  assert.equal(csvCell('Amira'), 'Amira');
  assert.equal(csvCell('-'), "'-");
});

test('quotes, commas and line breaks are quoted; nothing is lost', () => {
  assert.equal(csvCell('a, "b"\nc'), '"a, ""b""\nc"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(new Date('2026-01-02T03:04:05Z')), '2026-01-02T03:04:05.000Z');
  assert.equal(csvRow(['سارة', 'x,y', 3]), 'سارة,"x,y",3\r\n');
  assert.equal(CSV_BOM, '\uFEFF');
});

test('Markdown (pages and email) keeps formatting and links but drops raw HTML, script links and images', () => {
  const html = markdownToHtml('**Win!** [site](https://example.org) [bad](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror=alert(1)>');
  assert.match(html, /<strong>Win!<\/strong>/);
  assert.match(html, /<a href="https:\/\/example.org" rel="nofollow noopener noreferrer ugc">site<\/a>/);
  assert.ok(!html.includes('javascript:'), html);
  assert.ok(!/<script|onerror|<img/i.test(html), html);
  // Headings sit below the page title; an image keeps only its alt text.
  assert.equal(markdownToHtml('# Title\n\n![a cat](https://example.org/cat.png)'), '<h2>Title</h2>\n<p><span>a cat</span></p>');
});

test('Markdown links must be absolute http(s) or mailto addresses; every other attribute is dropped', () => {
  const html = markdownToHtml('[rel](/dashboard) [m](mailto:a@b.c) [d](data:text/html,x) [t](https://a.b "title")\n\n###### six\n\n```js\nx\n```');
  assert.match(html, /<a rel="nofollow noopener noreferrer ugc">rel<\/a>/);
  assert.match(html, /<a href="mailto:a@b.c" rel="nofollow noopener noreferrer ugc">m<\/a>/);
  assert.match(html, /<a rel="nofollow noopener noreferrer ugc">d<\/a>/);
  assert.match(html, /<a href="https:\/\/a.b" rel="nofollow noopener noreferrer ugc">t<\/a>/);
  assert.match(html, /<h4>six<\/h4>/);
  assert.match(html, /<pre><code>x\n<\/code><\/pre>/);
});
