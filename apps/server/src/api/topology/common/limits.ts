/** The largest PostgreSQL integer: KB limits stop at about 2 TB. */
export const MAX_KB = 2_147_483_647;

/** Message size limits follow Exchange's largest accepted value (2,097,151 KB, just under 2 GB). */
export const MAX_MESSAGE_SIZE_KB = 2_097_151;
