/** Which conversation line shows each message the OTR layer is holding until the conversation is private. */
export class HeldLines {
  private readonly map = new Map<string, Map<number, number>>();

  remember(conversation: string, heldId: number, lineId: number): void {
    let m = this.map.get(conversation);
    if (!m) this.map.set(conversation, (m = new Map()));
    m.set(heldId, lineId);
  }

  /** The line of a held message, forgotten as it is returned: each is settled once. */
  take(conversation: string, heldId: number): number | undefined {
    const m = this.map.get(conversation);
    const lineId = m?.get(heldId);
    m?.delete(heldId);
    return lineId;
  }
}
