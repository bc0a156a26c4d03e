import './globals.css';

export const metadata = { title: 'Not found · Undersign' };

// Requests that match no route at all (outside the localised pages), e.g. an unknown /api path.
export default function GlobalNotFound() {
  return (
    <html lang="en" dir="ltr">
      <body>
        <main className="container narrow panel not-found">
          <h1>We could not find that page</h1>
          <p>The address may have been mistyped.</p>
          <p>
            <a href="/" className="button button-primary">
              See open petitions
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
