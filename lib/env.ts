import { z } from 'zod';
import { DATABASE_URL_MISSING, databaseEnvFields } from '@/db/config';
import { asciiEmail } from '@/lib/text/schema';

const DEV_SECRET = 'undersign-development-secret-not-for-production-use';
/** Development and tests only (production refuses to start without its own): `<id>:<base64 of 32 bytes>`. */
const DEV_DATA_KEY = 'dev:ZGV2ZWxvcG1lbnQtb25seS1rZXktbm90LWZvci11c2U=';

/** An application data key, `<id>:<base64 of 32 random bytes>` (`openssl rand -base64 32`). */
const dataKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,32}:[A-Za-z0-9+/]{43}=$/, 'must be <id>:<base64 of 32 bytes>, e.g. 2026-11:$(openssl rand -base64 32)')
  .transform((v) => {
    const at = v.indexOf(':');
    return { id: v.slice(0, at), key: Buffer.from(v.slice(at + 1), 'base64') };
  })
  .refine((k) => k.key.length === 32, 'must be 32 bytes once decoded');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // DATABASE_URL, DATABASE_DIRECT_URL, DATABASE_POOLER, DATABASE_REPLICA_URL, DB_POOL_MAX, DB_CONNECT_TIMEOUT: the database's settings have their home in db/config.ts.
    ...databaseEnvFields,
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must look like smtp://user:pass@host:587 or smtps://…')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Undersign <no-reply@localhost>'),
    /** The sender's display name on at-risk petitions' confirmation emails (the address stays MAIL_FROM's). */
    MAIL_FROM_NAME_AT_RISK: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[^<>"\r\n]+$/, 'must be a plain name, without quotes, angle brackets or line breaks')
      .default('Notifications'),
    APP_URL: z.url('must be an absolute URL such as https://petitions.example.org').optional(),
    SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The application key that wraps every petition's data key (signers' data is encrypted under those). */
    DATA_ENCRYPTION_KEY: dataKey.optional(),
    /** The key being replaced, during a rotation (`npm run keys:rotate`): data keys still wrapped by it stay readable. */
    DATA_ENCRYPTION_KEY_PREVIOUS: dataKey.optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ADMIN_EMAILS: z.string().default(''),
    /** Proxies in front of the app that append to X-Forwarded-For (0: the socket's peer is the client). */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Days the keyed IP hashes are kept for abuse review. */
    IP_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Days after a petition closes before its signers' personal data is anonymised. */
    ANONYMISE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    /** Hours after a signature is withdrawn before its name, email, postcode and comment are deleted. */
    WITHDRAWN_DATA_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    /** Days a reporter's email address is kept while their report is open (it goes when the report is dealt with). */
    REPORTER_EMAIL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** On at-risk petitions, per-country figures below this are shown only as "fewer than" it. */
    AT_RISK_FIGURE_THRESHOLD: z.coerce.number().int().min(2).max(1000).default(10),
    /** Jobs a worker runs at once (they mostly wait on SMTP and the database). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
    /** How long public petition pages and reads are shared by everyone asking (0: off). */
    PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
    /** Development and tests only: webhooks and Action Network may go to http:// and loopback or private addresses. */
    WEBHOOKS_ALLOW_LOCAL: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** Action Network's API (OSDI), where connected petitions' signers are pushed. */
    ACTION_NETWORK_URL: z.url('must be an absolute URL such as https://actionnetwork.org/api/v2').default('https://actionnetwork.org/api/v2'),
    /** `false`: server.ts hands signing and confirming to Next's route handlers instead of answering them itself (same answers, slower). */
    HOT_WRITE_ROUTER: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    IN_PROCESS_WORKER: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.WEBHOOKS_ALLOW_LOCAL)
      ctx.addIssue({ code: 'custom', path: ['WEBHOOKS_ALLOW_LOCAL'], message: 'is for development and tests only, never production' });
    for (const key of ['DATABASE_URL', 'SMTP_URL', 'APP_URL', 'SECRET', 'DATA_ENCRYPTION_KEY'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  })
  .superRefine((env, ctx) => {
    const current = env.DATA_ENCRYPTION_KEY;
    const previous = env.DATA_ENCRYPTION_KEY_PREVIOUS;
    // (Run even when a key failed to parse: only parsed keys are compared.)
    if (!Buffer.isBuffer(current?.key)) return;
    if (previous && Buffer.isBuffer(previous.key) && current.id === previous.id) {
      ctx.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY_PREVIOUS'], message: 'must have another id than DATA_ENCRYPTION_KEY' });
    }
    if (env.NODE_ENV === 'production' && current.key.equals(Buffer.from(DEV_DATA_KEY.slice(4), 'base64'))) {
      ctx.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY'], message: 'is the development key: generate one of your own' });
    }
  });

/** An application data key and its id (stored beside every data key it wraps). */
export type AppKey = { id: string; key: Buffer };

export type Env = {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string;
  /** The primary with a session of its own (DATABASE_DIRECT_URL, else DATABASE_URL): migrations and the queue. */
  databaseDirectUrl: string;
  /** Undefined means: deliver to the development mailbox. */
  smtpUrl?: string;
  mailFrom: string;
  /** MAIL_FROM's address under MAIL_FROM_NAME_AT_RISK: the sender of at-risk petitions' emails, naming no cause. */
  mailFromAtRisk: string;
  appUrl: string;
  secret: string;
  /** The application key new petition data keys are wrapped with. */
  dataKey: AppKey;
  /** The key being rotated away from, still accepted for reading. */
  previousDataKey?: AppKey;
  port: number;
  inProcessWorker: boolean;
  /** Platform admins (moderation), lowercased. */
  adminEmails: string[];
  trustProxyHops: number;
  ipRetentionDays: number;
  anonymiseAfterDays: number;
  withdrawnDataHours: number;
  reporterEmailDays: number;
  atRiskFigureThreshold: number;
  dbPoolMax: number;
  workerConcurrency: number;
  pageCacheMs: number;
  /** Webhooks may reach http:// and private addresses (development and tests only). */
  integrationsAllowPrivate: boolean;
  actionNetworkUrl: string;
  hotWriteRouter: boolean;
};

let cached: Env | undefined;

/** Parses the environment once; throws an error naming every missing or bad variable. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment, so the next getEnv reads process.env again (tests that change keys). */
export function forgetEnv(): void {
  cached = undefined;
}

/** Validates a set of variables (pure; getEnv caches it for process.env). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!e.DATABASE_URL) {
    throw new Error(`Invalid environment (see .env.example):\n  ${DATABASE_URL_MISSING}`);
  }
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databaseDirectUrl: e.DATABASE_DIRECT_URL ?? e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailFromAtRisk: `"${e.MAIL_FROM_NAME_AT_RISK}" <${addressOf(e.MAIL_FROM)}>`,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    secret: e.SECRET ?? DEV_SECRET,
    dataKey: e.DATA_ENCRYPTION_KEY ?? { id: 'dev', key: Buffer.from(DEV_DATA_KEY.slice(4), 'base64') },
    previousDataKey: e.DATA_ENCRYPTION_KEY_PREVIOUS,
    port: e.PORT,
    inProcessWorker: e.IN_PROCESS_WORKER,
    // Spelled as account addresses are stored: an internationalised domain in its ASCII form.
    adminEmails: e.ADMIN_EMAILS.split(',')
      .map((a) => asciiEmail(a.trim()).toLowerCase())
      .filter(Boolean),
    trustProxyHops: e.TRUST_PROXY_HOPS,
    ipRetentionDays: e.IP_RETENTION_DAYS,
    anonymiseAfterDays: e.ANONYMISE_AFTER_DAYS,
    withdrawnDataHours: e.WITHDRAWN_DATA_HOURS,
    reporterEmailDays: e.REPORTER_EMAIL_DAYS,
    atRiskFigureThreshold: e.AT_RISK_FIGURE_THRESHOLD,
    dbPoolMax: e.DB_POOL_MAX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    pageCacheMs: e.PAGE_CACHE_MS,
    integrationsAllowPrivate: e.WEBHOOKS_ALLOW_LOCAL,
    actionNetworkUrl: e.ACTION_NETWORK_URL.replace(/\/$/, ''),
    hotWriteRouter: e.HOT_WRITE_ROUTER,
  };
}

/** The address of a From header (`Name <a@b>` or a bare `a@b`). */
function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

/** True where development-only pages (the mailbox) may exist. */
export function isDevelopment(): boolean {
  return process.env.NODE_ENV !== 'production';
}
