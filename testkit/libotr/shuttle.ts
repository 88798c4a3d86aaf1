/**
 * Carries wire messages between two OTR parties until both fall quiet, so a
 * test can hold a whole conversation without a network.
 */

/**
 * A party in a conversation, as `shuttle` sees it: libotr through peer.ts,
 * or our own engine through sotto-party.ts.
 */
export interface OtrParty {
  /** The name the other party knows us by (its PEER for us). */
  readonly name: string;
  receive(from: string, wire: string): Promise<{ wire: string[]; plaintext?: string }>;
}

export interface Delivery {
  from: string;
  to: string;
  wire: string;
  /** What the receiver showed its user, if anything. */
  plaintext?: string;
}

export interface ShuttleOptions {
  /** Stop with an error after this many deliveries (a loop); default 500. */
  maxDeliveries?: number;
  /**
   * Sees each message before delivery and may replace it: return the
   * messages to deliver instead ([] drops it), or undefined to deliver it as
   * is. For tests of lossy or mangling networks.
   */
  intercept?: (message: { from: string; to: string; wire: string }) => string[] | undefined;
}

/**
 * Delivers `wire` (sent by `from`) to `to`, then every reply to the other
 * side, first in first out, until neither side has anything left to send.
 * Returns every delivery in order, with what each receiver showed its user.
 */
export async function shuttle(
  from: OtrParty,
  to: OtrParty,
  wire: readonly string[],
  options: ShuttleOptions = {},
): Promise<Delivery[]> {
  const max = options.maxDeliveries ?? 500;
  const queue = wire.map((message) => ({ sender: from, receiver: to, wire: message }));
  const deliveries: Delivery[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { sender, receiver } = next;
    const replaced = options.intercept?.({ from: sender.name, to: receiver.name, wire: next.wire }) ?? [next.wire];
    for (const message of replaced) {
      if (deliveries.length >= max)
        throw new Error(`shuttle: more than ${max} deliveries between ${from.name} and ${to.name}; a loop?`);
      const result = await receiver.receive(sender.name, message);
      deliveries.push({
        from: sender.name,
        to: receiver.name,
        wire: message,
        ...(result.plaintext === undefined ? {} : { plaintext: result.plaintext }),
      });
      for (const reply of result.wire) queue.push({ sender: receiver, receiver: sender, wire: reply });
    }
  }
  return deliveries;
}
