/** The link a submitter follows to see their item. */
export const trackingUrl = (publicUrl: string, token: string) => `${publicUrl}/track/${token}`;

/** The link that unsubscribes an address (GET: a page; POST: at once). */
export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/unsubscribe/${token}`;
