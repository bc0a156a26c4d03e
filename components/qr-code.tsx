import QRCode from 'qrcode';

// A QR code depends only on its URL; petition pages are hot, so each is drawn once per process.
const MAX_CACHED = 1000;
const cache = new Map<string, Promise<string>>();

function qrSvg(url: string): Promise<string> {
  let svg = cache.get(url);
  if (!svg) {
    svg = QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#1b1f1dff', light: '#ffffffff' } });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(url, svg);
  }
  return svg;
}

/** A QR code of a URL as inline SVG, drawn on the server (no script, no third party). */
export async function QrCode({ url, label, size = 160 }: { url: string; label: string; size?: number }) {
  // The SVG comes from the qrcode library and encodes only our own URL.
  const svg = await qrSvg(url);
  return <div className="qr" role="img" aria-label={label} style={{ inlineSize: size, blockSize: size }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
