import 'server-only';
import { Webhook } from 'standardwebhooks';
import { safeRequest, type Answer, type Resolver } from './safe-request';

/**
 * Posts one event to a webhook URL, signed as Standard Webhooks specifies (its npm package):
 * `webhook-id` (the delivery's stable id), `webhook-timestamp` (seconds) and `webhook-signature`
 * (`v1,` HMAC-SHA256 of `id.timestamp.body` under the endpoint's secret).
 */
export async function postWebhook(
  url: string,
  secret: string,
  messageId: string,
  body: string,
  opts: { resolve?: Resolver; allowPrivate?: boolean } = {},
): Promise<Answer> {
  const now = new Date();
  const signature = new Webhook(secret).sign(messageId, now, body);
  return safeRequest(url, {
    body,
    headers: {
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
      'user-agent': 'Undersign-Webhooks/1',
    },
    ...opts,
  });
}
