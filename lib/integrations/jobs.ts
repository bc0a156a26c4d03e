/** The queue's task that sends a batch of one endpoint's deliveries, in order. */
export const DELIVERY_JOB = 'deliver_integration_events';
/** The organiser's email about an endpoint switched off after failing for a day. */
export const ENDPOINT_OFF_EMAIL_JOB = 'notify_organisers_of_endpoint_off';
/** graphile-worker's exponential backoff (e^attempt seconds, capped at e^10) over 16 attempts spans about 40 hours (e + … + e^10 + 5·e^10 seconds). */
export const DELIVERY_MAX_ATTEMPTS = 16;
/** An endpoint whose deliveries have failed for this long without one success is switched off. */
export const SWITCH_OFF_AFTER_HOURS = 24;
