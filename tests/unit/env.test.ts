import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDatabaseConfig } from '@/db/config';
import { parseEnv } from '@/lib/env';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db:5432/undersign',
  SMTP_URL: 'smtp://user:pass@smtp.example.org:587',
  APP_URL: 'https://petitions.example.org/',
  SECRET: 'x'.repeat(40),
  DATA_ENCRYPTION_KEY: `2026-11:${Buffer.alloc(32, 1).toString('base64')}`,
  MAIL_FROM: 'Undersign <no-reply@example.org>',
};

test('a complete production environment parses, with the trailing slash of APP_URL removed', () => {
  const env = parseEnv(production);
  assert.equal(env.appUrl, 'https://petitions.example.org');
  assert.equal(env.smtpUrl, production.SMTP_URL);
  assert.equal(env.port, 3000);
  assert.equal(env.inProcessWorker, true);
});

test('production refuses to start without its settings, naming each missing one', () => {
  assert.throws(
    () => parseEnv({ NODE_ENV: 'production', DATABASE_URL: production.DATABASE_URL }),
    (err: Error) =>
      ['SMTP_URL: is required', 'APP_URL: is required', 'SECRET: is required', 'DATA_ENCRYPTION_KEY: is required'].every((s) => err.message.includes(s)),
  );
});

test('bad values are named with what is expected', () => {
  assert.throws(() => parseEnv({ ...production, SMTP_URL: 'mail.example.org' }), /SMTP_URL: must look like smtp:\/\//);
  assert.throws(() => parseEnv({ ...production, SECRET: 'short' }), /SECRET: must be at least 32 characters/);
  assert.throws(() => parseEnv({ ...production, DATABASE_URL: 'mysql://x' }), /DATABASE_URL: must be a postgres:\/\//);
  assert.throws(() => parseEnv({ ...production, PORT: 'eighty' }), /PORT/);
});

test('development runs on defaults except the database, which `npm run dev` provides', () => {
  assert.throws(() => parseEnv({ NODE_ENV: 'development' }), /DATABASE_URL: is not set/);
  const env = parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'postgres://localhost/x' });
  assert.equal(env.smtpUrl, undefined);
  assert.equal(env.appUrl, 'http://localhost:3000');
  assert.ok(env.secret.length >= 32);
});

test('the tuning settings have defaults and refuse nonsense', () => {
  const env = parseEnv(production);
  assert.deepEqual([env.dbPoolMax, env.workerConcurrency, env.pageCacheMs], [10, 16, 2000]);
  assert.equal(parseEnv({ ...production, PAGE_CACHE_MS: '0' }).pageCacheMs, 0, 'the shared page cache can be turned off');
  assert.throws(() => parseEnv({ ...production, PAGE_CACHE_MS: '-5' }), /PAGE_CACHE_MS/);
  assert.throws(() => parseEnv({ ...production, WORKER_CONCURRENCY: 'many' }), /WORKER_CONCURRENCY/);
});

test("at-risk petitions' sender keeps MAIL_FROM's address under its own plain name, and the small-figure threshold defaults to 10", () => {
  const env = parseEnv(production);
  assert.equal(env.mailFromAtRisk, '"Notifications" <no-reply@example.org>');
  assert.equal(env.atRiskFigureThreshold, 10);
  const named = parseEnv({ ...production, MAIL_FROM: 'bare@example.org', MAIL_FROM_NAME_AT_RISK: 'Account service', AT_RISK_FIGURE_THRESHOLD: '20' });
  assert.equal(named.mailFromAtRisk, '"Account service" <bare@example.org>');
  assert.equal(named.atRiskFigureThreshold, 20);
  assert.throws(() => parseEnv({ ...production, MAIL_FROM_NAME_AT_RISK: 'Evil" <x@y>' }), /MAIL_FROM_NAME_AT_RISK: must be a plain name/);
});

test('the data encryption key is <id>:<32 bytes in base64>, its previous one has another id, and production refuses the development key', () => {
  const env = parseEnv(production);
  assert.equal(env.dataKey.id, '2026-11');
  assert.equal(env.dataKey.key.length, 32);
  assert.equal(env.previousDataKey, undefined);
  assert.throws(() => parseEnv({ ...production, DATA_ENCRYPTION_KEY: 'k1:short' }), /DATA_ENCRYPTION_KEY: must be <id>:<base64 of 32 bytes>/);
  assert.throws(
    () => parseEnv({ ...production, DATA_ENCRYPTION_KEY_PREVIOUS: production.DATA_ENCRYPTION_KEY }),
    /DATA_ENCRYPTION_KEY_PREVIOUS: must have another id/,
  );
  const rotating = parseEnv({ ...production, DATA_ENCRYPTION_KEY_PREVIOUS: `2026-01:${Buffer.alloc(32, 2).toString('base64')}` });
  assert.equal(rotating.previousDataKey?.id, '2026-01');
  const dev = parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'postgres://localhost/x' });
  assert.equal(dev.dataKey.id, 'dev');
  assert.throws(
    () => parseEnv({ ...production, DATA_ENCRYPTION_KEY: `dev:${dev.dataKey.key.toString('base64')}` }),
    /DATA_ENCRYPTION_KEY: is the development key/,
  );
});

test('behind a transaction pooler: a direct session URL for the queue and locks, no server-side prepares; a replica for public reads', () => {
  const plain = parseDatabaseConfig(production);
  assert.deepEqual([plain.directUrl, plain.serverPrepare, plain.replicaUrl], [production.DATABASE_URL, true, undefined], 'one direct URL by default');
  const pooled = {
    ...production,
    DATABASE_URL: 'postgres://u:p@pgbouncer:6432/undersign',
    DATABASE_DIRECT_URL: 'postgres://u:p@db:5432/undersign',
    DATABASE_POOLER: 'transaction',
    DATABASE_REPLICA_URL: 'postgres://u:p@replica:5432/undersign',
  };
  const config = parseDatabaseConfig(pooled);
  assert.deepEqual(
    [config.databaseUrl, config.directUrl, config.serverPrepare, config.replicaUrl],
    [pooled.DATABASE_URL, pooled.DATABASE_DIRECT_URL, false, pooled.DATABASE_REPLICA_URL],
  );
  assert.equal(parseEnv(pooled).databaseDirectUrl, pooled.DATABASE_DIRECT_URL, 'migrations and the queue take the direct URL');
  assert.throws(() => parseEnv({ ...production, DATABASE_POOLER: 'session' }), /DATABASE_POOLER: must be none or transaction/);
  assert.throws(() => parseEnv({ ...production, DATABASE_REPLICA_URL: 'replica:5432' }), /DATABASE_REPLICA_URL: must be a postgres:\/\//);
  assert.throws(() => parseEnv({ ...production, DATABASE_DIRECT_URL: 'db:5432' }), /DATABASE_DIRECT_URL: must be a postgres:\/\//);
});
