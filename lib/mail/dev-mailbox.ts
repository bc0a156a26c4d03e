import 'server-only';
import { desc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { devMails } from '@/db/schema';

export type DevMail = { id: number; to: string; subject: string; text: string; createdAt: Date };

/** The newest messages in the development mailbox (only filled when no SMTP_URL is set). */
export async function listDevMails(limit = 50): Promise<DevMail[]> {
  const rows = await getDb()
    .select({ id: devMails.id, to: devMails.to, subject: devMails.subject, text: devMails.text, createdAt: devMails.createdAt })
    .from(devMails)
    .orderBy(desc(devMails.id))
    .limit(limit);
  return rows;
}
