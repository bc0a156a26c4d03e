import { customType } from 'drizzle-orm/pg-core';

/** Raw bytes: token hashes and images. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
