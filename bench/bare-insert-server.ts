import http from 'node:http';
import postgres from 'postgres';
import { postgresDefaults } from '../db/connection';

// The load benchmark's second baseline (`npm run bench load`): the least a plain Node.js server can do
// to store a signature, with no framework at all: parse a small JSON body, one INSERT, a 202 JSON
// answer. Same pool settings as the app (postgres.js, `postgresDefaults`, DB_POOL_MAX connections),
// run as its own process like the app. Started by bench/load.ts only.

const sql = postgres(process.env.DATABASE_URL!, { ...postgresDefaults, max: Number(process.env.DB_POOL_MAX ?? 10) });
const port = Number(process.env.PORT);

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: { name?: string; email?: string };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return void res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"bad_request"}');
    }
    sql`insert into bench_baseline (name, email) values (${String(body.name ?? '')}, ${String(body.email ?? '')})`.then(
      () => res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end('{"status":"stored"}'),
      () => res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"unavailable"}'),
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`bare insert server on ${port}`));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).finally(() => process.exit(0));
});
