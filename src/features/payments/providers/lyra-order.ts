/** Our attempt id as Lyra's `vads_order_id` and back: a UUID without its dashes (32 characters). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function orderIdOfAttempt(attemptId: string): string {
  return UUID.test(attemptId) ? attemptId.replace(/-/g, '').toLowerCase() : attemptId.slice(0, 64);
}

/** The attempt id of an order id the adapter wrote, or undefined for any other. */
export function attemptIdOfOrder(orderId: string): string | undefined {
  if (!/^[0-9a-f]{32}$/i.test(orderId)) return undefined;
  const hex = orderId.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
