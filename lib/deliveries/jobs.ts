/** The queue's task name for one delivery email (one recipient of one delivery). */
export const deliveryEmailJob = 'send_delivery_email';

/** The per-minute task that makes the automatic deliveries that are due. */
export const deliverDueJob = 'deliver_due_petitions';
