import 'server-only';
import path from 'node:path';
import sharp from 'sharp';
import { directionOf } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { escapeHtml } from '@/lib/text/escape-html';

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;
const MARGIN = 80;
const TEXT_WIDTH = PREVIEW_WIDTH - 2 * MARGIN;

// Vazirmatn covers Latin, Arabic and Persian; Pango shapes joined letters and orders bidi text.
// The files ship in an npm package, so nothing is fetched from a font host.
const fontDir = path.join(process.cwd(), 'node_modules', 'vazirmatn', 'fonts', 'ttf');
const BOLD = path.join(fontDir, 'Vazirmatn-Bold.ttf');
const REGULAR = path.join(fontDir, 'Vazirmatn-Regular.ttf');

export type PreviewInput = { title: string; target: string; count: number; goal: number; locale: string };

// Control characters are refused on input; stripping them here keeps Pango from rejecting old rows.
const escapeMarkup = (text: string) => escapeHtml(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max
    ? chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…'
    : chars.join('');
}

async function textBlock(text: string, opts: { bold?: boolean; size: number; color: string; align: 'left' | 'right'; maxHeight?: number }) {
  const render = (size: number) =>
    sharp({
      text: {
        text: `<span foreground="${opts.color}">${escapeMarkup(text)}</span>`,
        font: `Vazirmatn ${opts.bold ? 'Bold' : 'Regular'} ${size}px`,
        fontfile: opts.bold ? BOLD : REGULAR,
        width: TEXT_WIDTH,
        align: opts.align,
        wrap: 'word',
        rgba: true,
        spacing: Math.round(size * 0.05),
      },
    })
      .png()
      .toBuffer({ resolveWithObject: true });
  let size = opts.size;
  let out = await render(size);
  // Long titles shrink until they fit their box rather than run off the card.
  while (opts.maxHeight && out.info.height > opts.maxHeight && size > 32) {
    size -= 6;
    out = await render(size);
  }
  return { input: out.data, width: out.info.width, height: out.info.height };
}

/**
 * Renders the link-preview card (1200×630 PNG): title, target, count and progress toward the goal,
 * laid out right-to-left for Arabic and Persian with locale digits. Pure: no database access.
 */
export async function renderPreviewImage(p: PreviewInput): Promise<Buffer> {
  const t = translatorFor(p.locale);
  const rtl = directionOf(p.locale) === 'rtl';
  const align = rtl ? 'right' : 'left';
  const place = (width: number) => (rtl ? PREVIEW_WIDTH - MARGIN - width : MARGIN);
  const number = new Intl.NumberFormat(p.locale);

  const [brand, title, target, count, goal] = await Promise.all([
    textBlock('Undersign', { bold: true, size: 30, color: '#9a3412', align }),
    textBlock(clip(p.title, 120), { bold: true, size: 64, color: '#1c1917', align, maxHeight: 250 }),
    textBlock(clip(t('preview.to', { target: p.target }), 90), { size: 32, color: '#44403c', align }),
    textBlock(t('preview.count', { count: p.count }), { bold: true, size: 44, color: '#1c1917', align }),
    textBlock(t('preview.goal', { goal: number.format(p.goal) }), { size: 28, color: '#57534e', align }),
  ]);

  const barY = 540;
  const barHeight = 26;
  const filled = Math.round(TEXT_WIDTH * Math.min(1, p.count / Math.max(1, p.goal)));
  const fillX = rtl ? MARGIN + TEXT_WIDTH - filled : MARGIN;
  const bar = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}">
      <rect x="0" y="0" width="${PREVIEW_WIDTH}" height="14" fill="#c2410c"/>
      <rect x="${MARGIN}" y="${barY}" width="${TEXT_WIDTH}" height="${barHeight}" rx="13" fill="#e7e5e4"/>
      ${filled > 0 ? `<rect x="${fillX}" y="${barY}" width="${Math.max(filled, barHeight)}" height="${barHeight}" rx="13" fill="#c2410c"/>` : ''}
    </svg>`,
  );

  const titleTop = 110;
  const targetTop = Math.min(titleTop + title.height + 24, 400);
  const countTop = barY - 20 - count.height;
  return sharp({ create: { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, channels: 3, background: '#fafaf9' } })
    .composite([
      { input: bar, top: 0, left: 0 },
      { input: brand.input, top: 44, left: place(brand.width) },
      { input: title.input, top: titleTop, left: place(title.width) },
      { input: target.input, top: targetTop, left: place(target.width) },
      { input: count.input, top: countTop, left: place(count.width) },
      // The goal sits at the far end of the count line.
      { input: goal.input, top: countTop + count.height - goal.height - 4, left: rtl ? MARGIN : PREVIEW_WIDTH - MARGIN - goal.width },
    ])
    .png({ compressionLevel: 8 })
    .toBuffer();
}
