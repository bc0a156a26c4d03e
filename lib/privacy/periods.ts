import { getEnv } from '@/lib/env';

/**
 * Days kept, after they stop being of use, of the records behind signing in and co-organising:
 * sign-in link requests (the hourly cap reads only the last hour), sign-in links once used or
 * expired, and co-organiser invitations once accepted, withdrawn or expired (the day covers the
 * daily invitation caps). Expired sessions go at once.
 */
export const ACCOUNT_RECORD_DAYS = 1;

/**
 * Days a finished webhook or Action Network delivery stays listed on the petition's integrations page
 * (its status code and error, for the organiser to see what a receiver answered). A delivery that
 * recorded the receiver's link to the signature (`remote_ref`: how a later withdrawal finds it at
 * Action Network) stays as long as that signature does.
 */
export const FINISHED_DELIVERY_DAYS = 30;

export type RetentionPeriods = {
  ipHashDays: number;
  anonymiseAfterDays: number;
  withdrawnDataHours: number;
  reporterEmailDays: number;
  accountRecordDays: number;
};

/** Every retention period, in one place: what the hourly retention job applies and what /privacy states. */
export function retentionPeriods(): RetentionPeriods {
  const env = getEnv();
  return {
    ipHashDays: env.ipRetentionDays,
    anonymiseAfterDays: env.anonymiseAfterDays,
    withdrawnDataHours: env.withdrawnDataHours,
    reporterEmailDays: env.reporterEmailDays,
    accountRecordDays: ACCOUNT_RECORD_DAYS,
  };
}
