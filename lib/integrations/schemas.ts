import { z } from 'zod';
import { EVENT_TYPES } from './event-types';

// Shared by the dashboard's forms and the server: what an organiser may type for an endpoint.

export const integrationLimits = { url: 2000, endpointsPerPetition: 10, actionNetworkId: 200, actionNetworkKey: 200 } as const;

export const webhookInput = z.object({
  url: z.string().trim().min(1, 'webhookUrl').max(integrationLimits.url, 'webhookUrl'),
  events: z.array(z.enum(EVENT_TYPES)).min(1, 'webhookEvents'),
});

export const actionNetworkInput = z.object({
  // An Action Network petition's id (its identifier after `action_network:`) or its API link.
  petitionId: z
    .string()
    .trim()
    .transform((v) => v.replace(/^.*\/petitions\//, '').replace(/^action_network:/, ''))
    .pipe(z.string().regex(/^[A-Za-z0-9-]{1,200}$/, 'actionNetworkPetition')),
  apiKey: z.string().trim().min(8, 'actionNetworkKey').max(integrationLimits.actionNetworkKey, 'actionNetworkKey'),
});
