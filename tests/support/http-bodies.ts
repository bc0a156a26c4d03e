import http from 'node:http';

// Request bodies as an attacker sends them, for the tests of the body limits.

/**
 * Streams up to `totalMb` of body without Content-Length (chunked), as fast as the server reads it,
 * and stops at the first byte of the answer. Resolves to the answer and how much was sent by then.
 */
export function sendChunked(
  url: string,
  headers: Record<string, string>,
  totalMb: number,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; sentMb: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, '{"name":"a",');
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      const sentMb = sent / 1024 / 1024;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body, sentMb });
      });
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < totalMb * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** A request that says its body is `bytes` long and sends none of it. */
export function declareLength(url: string, headers: Record<string, string>, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(bytes) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => (req.destroy(), resolve({ status: res.statusCode!, body })));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}
