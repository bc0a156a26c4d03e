// The event types, apart from the SQL that queues them, so client components and shared schemas can use them.

/** The events an endpoint can ask for (docs/api.md describes their payloads). */
export const EVENT_TYPES = [
  'signature.confirmed',
  'signature.withdrawn',
  'petition.milestone',
  'petition.delivered',
  'petition.response',
  'petition.closed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What an Action Network connection sends: each consenting signer, and their withdrawal. */
export const ACTION_NETWORK_EVENTS: EventType[] = ['signature.confirmed', 'signature.withdrawn'];

export const isEventType = (v: string): v is EventType => (EVENT_TYPES as readonly string[]).includes(v);

/** The catalogue key of each event's label. */
export const EVENT_LABELS: Record<EventType, string> = {
  'signature.confirmed': 'eventConfirmed',
  'signature.withdrawn': 'eventWithdrawn',
  'petition.milestone': 'eventMilestone',
  'petition.delivered': 'eventDelivered',
  'petition.response': 'eventResponse',
  'petition.closed': 'eventClosed',
};
