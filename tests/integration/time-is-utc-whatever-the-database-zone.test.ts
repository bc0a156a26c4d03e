import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { makeWorkerUtils } from 'graphile-worker';
import postgres from 'postgres';
import { GET as getHourly } from '@/app/api/petitions/[slug]/signatures-per-hour/route';
import { closeDb, getDb } from '@/db/client';
import { withSessionSettings } from '@/db/connection';
import type { Organiser } from '@/lib/auth/session';
import { dashboardQueries, getDashboard, hourlySeries } from '@/lib/dashboard/queries';
import { getPetitionForOrganiser } from '@/lib/organisers/queries';
import { closingDay, closingInstant } from '@/lib/petitions/closing-date';
import { getPublicPetition } from '@/lib/petitions/queries';
import { savePetition } from '@/lib/petitions/save';
import { closeDuePetitions } from '@/lib/petitions/scheduled';
import { anonymiseClosedPetitions, clearExpiredIpHashes } from '@/lib/privacy/retention';
import { startBackend } from '../support/app';

// The same checks on a database whose server zone is east of UTC by a half hour (Asia/Tehran,
// +03:30) and on one west of it with daylight-saving time (America/Toronto). `alter database … set
// timezone` sets the zone a session starts in, as a server configured in that zone does; the Node
// side runs in the same zone (TZ).

let app: Awaited<ReturnType<typeof startBackend>>;
before(async () => {
  app = await startBackend({ worker: false });
});
after(() => app.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const complete = { summary: 'Times kept in UTC.', body: 'Body.', target: 'The Clock', goal: '100', language: 'en', demands: ['Keep time'] };

async function organiser(email: string): Promise<Organiser> {
  const [row] = await app.sql`insert into accounts (email) values (${email}) returning id`;
  return { id: row!.id, email, isAdmin: false };
}

/** Confirmed signatures on `petitionId`, one per instant (signed and confirmed then). */
async function confirmedAt(petitionId: string, instants: Date[], extra: { ipHash?: boolean } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const at of instants) {
    const email = `t${ids.length}-${petitionId}@example.org`;
    const [row] = await app.sql`
      insert into signatures (petition_id, name, email, canonical_email, country, status, confirmed_at, created_at, ip_hash)
      values (${petitionId}, 'Signer', ${email}, ${email}, 'FR', 'confirmed', ${at}, ${at}, ${extra.ipHash ? Buffer.from([1, 2, 3]) : null})
      returning id`;
    await app.sealLegacySignatures();
    ids.push(Number(row!.id));
  }
  return ids;
}

const utc = (iso: string) => new Date(iso);
const points = (rows: { at: Date; count: number }[]) => rows.map((p) => [p.at.toISOString(), p.count]);

for (const zone of ['Asia/Tehran', 'America/Toronto']) {
  describe(`on a database whose server zone is ${zone}`, () => {
    const tag = zone.split('/')[1]!.toLowerCase();
    const nodeZone = process.env.TZ;
    // The app's dialect (db/client.ts): statements name the schema's columns, in the database as snake_case.
    const dialect = new PgDialect({ casing: 'snake_case' });
    let plain: postgres.Sql;
    let owner: Organiser;
    let dailyPetition: string;

    /** A statement of the app's run on a connection that sets no zone, so the database's applies. */
    async function onPlainConnection<T>(query: SQL): Promise<T[]> {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return (await plain.unsafe(text, params as never[])) as unknown as T[];
    }

    before(async () => {
      await app.sql.unsafe(`alter database "${new URL(app.url).pathname.slice(1)}" set timezone = '${zone}'`);
      // The app's pool connects afresh, as after a restart on a server so configured.
      await closeDb();
      plain = postgres(app.url, { max: 1, onnotice: () => {} });
      process.env.TZ = zone;
      owner = await organiser(`clock-${tag}@example.org`);
    });
    after(async () => {
      await plain.end();
      if (nodeZone === undefined) delete process.env.TZ;
      else process.env.TZ = nodeZone;
    });

    test('a connection that sets nothing is in that zone; every connection the app opens is in UTC', async () => {
      const [{ TimeZone: plainZone }] = (await plain`show timezone`) as unknown as [{ TimeZone: string }];
      assert.equal(plainZone, zone, 'the database really is in that zone');
      const appZone = await getDb().execute<{ TimeZone: string }>(sql`show timezone`);
      assert.equal(appZone[0]?.TimeZone, 'UTC', 'the app’s pool');
      const queue = await makeWorkerUtils({ connectionString: withSessionSettings(app.url) });
      try {
        const { rows } = await queue.withPgClient((client) => client.query<{ TimeZone: string }>('show timezone'));
        assert.equal(rows[0]!.TimeZone, 'UTC', 'the queue’s pool (node-postgres)');
      } finally {
        await queue.release();
      }
    });

    test('open data counts signatures per whole UTC hour', async () => {
      const p = await app.createPetition({ title: `Hours in ${zone}` });
      await confirmedAt(p.id, [utc('2024-06-10T10:10:00Z'), utc('2024-06-10T10:50:00Z'), utc('2024-06-10T11:05:00Z')]);
      const res = await getHourly(new Request(`http://app.test/api/petitions/${p.slug}/signatures-per-hour?days=1&to=2024-06-10T12:00:00Z`), {
        params: Promise.resolve({ slug: p.slug }),
      });
      assert.deepEqual((await res.json()).hours, [
        { hour: '2024-06-10T10:00:00.000Z', signatures: 2 },
        { hour: '2024-06-10T11:00:00.000Z', signatures: 1 },
      ]);
    });

    test('the dashboard’s days run from UTC midnight to UTC midnight, and its hours are whole UTC hours', async () => {
      const p = await app.createPetition({ title: `Days in ${zone}` });
      dailyPetition = p.id;
      await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${p.id}, ${owner.id}, 'owner')`;
      // 23:30 and 00:30 UTC fall on two days; the last four fall on one UTC day but on two days in
      // Toronto (22:00 and 01:00 local) and in Tehran (22:30 and 00:30 local).
      await confirmedAt(
        p.id,
        ['2024-06-10T23:30:00Z', '2024-06-11T00:30:00Z', '2024-06-12T02:00:00Z', '2024-06-12T05:00:00Z', '2024-06-12T19:00:00Z', '2024-06-12T21:00:00Z'].map(
          utc,
        ),
      );
      const recent = await app.createPetition({ title: `Recent hours in ${zone}` });
      await app.sql`insert into petition_organisers (petition_id, account_id, role) values (${recent.id}, ${owner.id}, 'owner')`;
      const hour = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
      await confirmedAt(recent.id, [new Date(hour + 10 * 60_000), new Date(hour + 50 * 60_000)]);

      const days = await getDashboard(owner, p.slug);
      assert.deepEqual(points(days!.daily), [
        ['2024-06-10T00:00:00.000Z', 1],
        ['2024-06-11T00:00:00.000Z', 1],
        ['2024-06-12T00:00:00.000Z', 4],
      ]);
      const hours = await getDashboard(owner, recent.slug);
      assert.deepEqual(points(hours!.hourly), [[new Date(hour).toISOString(), 2]]);
    });

    test('the SQL names UTC itself: the same buckets and closing day on a connection left in the database’s zone', async () => {
      const daily = await onPlainConnection<{ at: Date; n: number }>(dashboardQueries(dailyPetition).daily);
      assert.deepEqual(
        daily.map((r) => [new Date(r.at).toISOString(), r.n]),
        [
          ['2024-06-10T00:00:00.000Z', 1],
          ['2024-06-11T00:00:00.000Z', 1],
          ['2024-06-12T00:00:00.000Z', 4],
        ],
      );
      const hourly = await onPlainConnection<{ at: Date; n: number }>(
        hourlySeries(dailyPetition, sql`'2024-06-12T00:00:00Z'::timestamptz`, sql`'2024-06-13T00:00:00Z'::timestamptz`),
      );
      assert.deepEqual(
        hourly.map((r) => [new Date(r.at).toISOString(), r.n]),
        [
          ['2024-06-12T02:00:00.000Z', 1],
          ['2024-06-12T05:00:00.000Z', 1],
          ['2024-06-12T19:00:00.000Z', 1],
          ['2024-06-12T21:00:00.000Z', 1],
        ],
      );
      const [closing] = await onPlainConnection<{ at: Date; day: string }>(
        sql`select ${closingInstant('2031-12-03')} as at, ${closingDay(closingInstant('2031-12-03'))} as day`,
      );
      assert.equal(new Date(closing!.at).toISOString(), '2031-12-03T23:59:59.000Z');
      assert.equal(closing!.day, '2031-12-03');
    });

    test('a closing date saved five times through the editor stays the same day, and the petition closes at the end of it, UTC', async () => {
      const title = `Closing in ${zone}`;
      const created = await savePetition(owner, null, { ...complete, title, closesOn: '2031-12-03' }, 'publish');
      assert.equal(created.status, 'saved');
      const slug = created.status === 'saved' ? created.slug : '';
      for (let save = 1; save <= 5; save++) {
        const editing = await getPetitionForOrganiser(owner, slug);
        assert.equal(editing?.closesOn, '2031-12-03', `the editor shows the day before save ${save}`);
        assert.equal((await savePetition(owner, slug, { ...complete, title, slug, closesOn: editing.closesOn }, 'draft')).status, 'saved');
      }
      assert.equal((await getPetitionForOrganiser(owner, slug))?.closesOn, '2031-12-03');
      assert.equal((await getPublicPetition(slug))?.closesAt?.toISOString(), '2031-12-03T23:59:59.000Z');

      const statusOf = async () => (await app.sql`select status, closed_at from petitions where slug = ${slug}`)[0]!;
      await closeDuePetitions(utc('2031-12-03T23:59:58Z'));
      assert.equal((await statusOf()).status, 'open', 'still open one second before the end of 3 December, UTC');
      await closeDuePetitions(utc('2031-12-03T23:59:59Z'));
      const closed = await statusOf();
      assert.equal(closed.status, 'closed');
      assert.equal(new Date(closed.closed_at).toISOString(), '2031-12-03T23:59:59.000Z');
    });

    test('a closing date saved before, at the end of the day in the session’s zone, is moved to the end of the same day, UTC', async () => {
      const p = await app.createPetition({ title: `Old closing date in ${zone}` });
      await plain`update petitions set closes_at = ('2031-12-03'::date + interval '1 day' - interval '1 second')::timestamptz where id = ${p.id}`;
      // The migration, run as it would be on a server in this zone.
      const migration = readdirSync('db/migrations').find((f) => f.endsWith('_closing_dates_in_utc.sql'))!;
      await plain.unsafe(readFileSync(path.join('db/migrations', migration), 'utf8'));
      const [row] = await app.sql`select closes_at from petitions where id = ${p.id}`;
      assert.equal(new Date(row!.closes_at).toISOString(), '2031-12-03T23:59:59.000Z');
    });

    test('IP hashes are cleared, and closed petitions anonymised, exactly at their cutoffs', async () => {
      // 1 June 2024, 12:00 UTC: 30 days before is 2 May 12:00 UTC, 180 days of 24 hours before is
      // 4 December 2023 12:00 UTC (in Toronto the span crosses the end of daylight-saving time).
      const now = utc('2024-06-01T12:00:00Z');
      const p = await app.createPetition({ title: `IP hashes in ${zone}` });
      const [expired, kept] = await confirmedAt(p.id, [new Date(now.getTime() - 30 * DAY - 60_000), new Date(now.getTime() - 30 * DAY + 60_000)], {
        ipHash: true,
      });
      await clearExpiredIpHashes(now);
      const hashes = await app.sql`select id, ip_hash is null as cleared from signatures where id in (${expired!}, ${kept!}) order by id`;
      assert.deepEqual(
        hashes.map((r) => [Number(r.id), r.cleared]),
        [
          [expired, true],
          [kept, false],
        ],
      );

      const long = await app.createPetition({ title: `Long closed in ${zone}` });
      const recently = await app.createPetition({ title: `Recently closed in ${zone}` });
      await app.sql`update petitions set status = 'closed', closed_at = ${new Date(now.getTime() - 180 * DAY - 30 * 60_000)} where id = ${long.id}`;
      await app.sql`update petitions set status = 'closed', closed_at = ${new Date(now.getTime() - 180 * DAY + 30 * 60_000)} where id = ${recently.id}`;
      await confirmedAt(long.id, [utc('2023-11-01T10:00:00Z')]);
      await confirmedAt(recently.id, [utc('2023-11-01T10:00:00Z')]);
      await anonymiseClosedPetitions(now);
      const names = await app.sql`select petition_id, sealed_name is not null as named from signatures where petition_id in (${long.id}, ${recently.id})`;
      assert.deepEqual(Object.fromEntries(names.map((r) => [r.petition_id, r.named])), { [long.id]: false, [recently.id]: true });
    });
  });
}
