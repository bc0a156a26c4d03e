import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Hr } from '@react-email/hr';
import { Link } from '@react-email/link';
import { plainTextSelectors } from '@react-email/render';
import { Text } from '@react-email/text';
import { compile } from 'html-to-text';
import type { ReactElement, ReactNode } from 'react';
import { directionOf } from '@/lib/i18n/locales';

export type RenderedMail = { subject: string; text: string; html: string };

/** Header values come from people (petition titles): never let a line break through. */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

// The plain-text part: React Email's conversion (its selectors: images skipped, links as "label
// address", no wrapping) compiled once, since compiling per email cost more than rendering it. A
// button (and a link marked like one) is its label with its address on the next line.
const toText = compile({
  wordwrap: false,
  selectors: [...plainTextSelectors, { selector: 'a[data-text-address]', format: 'labelThenAddress' }],
  formatters: {
    labelThenAddress(elem, walk, builder) {
      walk(elem.children, builder);
      builder.addLineBreak();
      const attributes = elem.attribs as Record<string, string> | undefined;
      builder.addInline(attributes?.href ?? '', { noWordTransform: true });
    },
  },
});

// React's static renderer, the one its documentation gives for emails: synchronous, about twice as
// fast per email as React Email's streaming render(). Imported by Node at run time, not bundled:
// Next refuses react-dom/server in server bundles (the in-process worker is one), as it would be
// resolved there under the react-server condition, which has no HTML renderer.
// Loaded with this module (a process that imports the templates is about to send mail).
const staticRenderer = import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'react-dom/server');

/**
 * An email as its HTML (every string a component is given is escaped by construction) and its
 * plain-text part, converted from that HTML.
 */
export async function renderMail(subject: string, email: ReactElement): Promise<RenderedMail> {
  const { renderToStaticMarkup } = await staticRenderer;
  const html = `<!DOCTYPE html>${renderToStaticMarkup(email)}`;
  return { subject: singleLine(subject), html, text: toText(html) };
}

/** Where a person's own value goes in an email rendered once per shape: `slot(i)` stands for `values[i]`. */
export type Slot = (index: number) => string;

// A slot's marker: control characters no catalogue, title or link contains (stored text refuses
// them), which React's escaping and the plain-text conversion leave as they are.
const slotMarker: Slot = (i) => `\u0002${i}\u0003`;
const SLOT_MARKERS = /\u0002(\d+)\u0003/g;
const SHAPES_KEPT = 200;
// React's own escaping of text and attribute values (its apostrophe is &#x27;), so a filled-in email
// is the very bytes React would have rendered (pinned by a unit test).
const REACT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const escapeLikeReact = (value: string) => value.replace(/[&<>"']/g, (c) => REACT_ESCAPES[c]!);
const shapes = new Map<string, Promise<RenderedMail>>();

/**
 * An email whose shape is rendered once and kept: a surge mails thousands of people the same
 * confirmation, which React would otherwise render thousands of times (~0.4 ms each, five times the
 * cost of the send's other work). `shape` names every input the email depends on except `values`
 * (a name, links); `build` receives a `slot(i)` to place `values[i]`, and each slot is filled after
 * rendering: escaped in the HTML (as React escapes text and attributes), as it is in the plain text.
 * At most 200 shapes are kept, the oldest dropped first.
 */
export async function renderMailShaped(
  shape: string,
  build: (slot: Slot) => { subject: string; email: ReactElement },
  values: string[],
): Promise<RenderedMail> {
  let rendered = shapes.get(shape);
  if (!rendered) {
    const { subject, email } = build(slotMarker);
    rendered = renderMail(subject, email);
    shapes.set(shape, rendered);
    rendered.catch(() => shapes.delete(shape));
    if (shapes.size > SHAPES_KEPT) shapes.delete(shapes.keys().next().value!);
  }
  const { subject, html, text } = await rendered;
  const value = (i: string) => values[Number(i)] ?? '';
  return {
    subject,
    html: html.replace(SLOT_MARKERS, (_, i: string) => escapeLikeReact(value(i))),
    text: text.replace(SLOT_MARKERS, (_, i: string) => value(i)),
  };
}

// Stand-ins for a person's text inside a translated sentence: control characters no catalogue contains.
const SLOTS = ['\u0000', '\u0001'] as const;
const SLOT = /([\u0000\u0001])/;

/**
 * A translated sentence with people's text in it (a name, a petition title): `sentence` receives a
 * stand-in per value and returns the translation; each value is put in its place as its own <bdi>
 * element, so an English name keeps its order inside an Arabic sentence, and React escapes it.
 */
export function WithPeoplesText({ sentence, values }: { sentence: (...slots: string[]) => string; values: string[] }) {
  const parts = sentence(...SLOTS.slice(0, values.length)).split(SLOT);
  return (
    <>
      {parts.map((part, i) => {
        const slot = SLOTS.indexOf(part as (typeof SLOTS)[number]);
        return slot >= 0 ? <bdi key={i}>{values[slot]}</bdi> : part;
      })}
    </>
  );
}

const text = { fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' } as const;
const small = { fontSize: '13px', lineHeight: '20px', color: '#555555', margin: '0 0 8px' } as const;

/** A paragraph of the email's body. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={text}>{children}</Text>;
}

/** A line of the small print under the rule. */
export function FinePrint({ children }: { children: ReactNode }) {
  return <Text style={small}>{children}</Text>;
}

/**
 * A link in the small print; the plain-text part shows its label and then its address (on the next
 * line with `addressBelow`, for a label that does not end in a colon).
 */
export function FinePrintLink({ href, addressBelow, children }: { href: string; addressBelow?: boolean; children: ReactNode }) {
  return (
    <Link href={href} data-text-address={addressBelow || undefined} style={{ color: '#0b5d4b', textDecoration: 'underline' }}>
      {children}
    </Link>
  );
}

/**
 * The frame of every email: one column in the reader's direction (on <html> and on the column), the
 * body, at most one button with its address written out under it (for clients that hide buttons;
 * the plain-text part shows the label and the address once), and the small print under a rule.
 */
export function EmailLayout({
  locale,
  children,
  action,
  footer,
}: {
  locale: string;
  children: ReactNode;
  action?: { label: string; url: string };
  footer?: ReactNode;
}) {
  const dir = directionOf(locale);
  return (
    <html lang={locale} dir={dir}>
      <Head>
        <meta name="viewport" content="width=device-width" />
      </Head>
      <Body
        style={{
          backgroundColor: '#f6f5f1',
          margin: 0,
          padding: '24px 8px',
          fontFamily: "system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif",
          color: '#1d1d1b',
        }}
      >
        <Container dir={dir} style={{ maxWidth: '560px', backgroundColor: '#ffffff', borderRadius: '8px', padding: '28px' }}>
          {children}
          {action && (
            <>
              <Text style={{ margin: '24px 0 8px' }}>
                <Button
                  href={action.url}
                  data-text-address
                  style={{ backgroundColor: '#0b5d4b', color: '#ffffff', padding: '12px 20px', borderRadius: '6px', fontWeight: 'bold', fontSize: '16px' }}
                >
                  {/* The label may be a petition title: isolated like all people's text. */}
                  <bdi>{action.label}</bdi>
                </Button>
              </Text>
              <Text dir="ltr" data-skip-in-text="true" style={{ ...small, margin: '0 0 16px', wordBreak: 'break-all', textAlign: 'left' }}>
                <Link href={action.url} style={{ color: '#555555' }}>
                  {action.url}
                </Link>
              </Text>
            </>
          )}
          {footer && (
            <>
              <Hr style={{ borderColor: '#e4e2dc', margin: '28px 0 16px' }} />
              {footer}
            </>
          )}
        </Container>
      </Body>
    </html>
  );
}
