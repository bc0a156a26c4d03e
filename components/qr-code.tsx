import QRCode from 'qrcode';

/** A QR code of a URL as inline SVG, drawn on the server (no script, no third party). */
export async function QrCode({ url, label, size = 160 }: { url: string; label: string; size?: number }) {
  // The SVG comes from the qrcode library and encodes only our own URL.
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#1b1f1dff', light: '#ffffffff' } });
  return <div className="qr" role="img" aria-label={label} style={{ inlineSize: size, blockSize: size }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
