import '../globals.css';

export const metadata = { title: 'Development mailbox · Undersign', robots: { index: false } };

export default function DevLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" dir="ltr">
      <body>{children}</body>
    </html>
  );
}
