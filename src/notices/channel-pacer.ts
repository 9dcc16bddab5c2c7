// Slack allows about one message a second per channel: posts to the same channel wait their turn,
// posts to different channels do not wait for each other. Per process: across replicas, Slack's
// 429 and its Retry-After (which delivery turns into a later due time) cover the rest.
export class ChannelPacer {
  private readonly nextFree = new Map<string, number>();

  constructor(private readonly intervalMs = 1000) {}

  /** Resolves when a message may go to `channel`, and books the slot. */
  async turn(channel: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextFree.get(channel) ?? 0);
    this.nextFree.set(channel, at + this.intervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    if (this.nextFree.size > 10_000) this.forgetIdle(Date.now());
  }

  private forgetIdle(now: number): void {
    for (const [channel, at] of this.nextFree) if (at < now) this.nextFree.delete(channel);
  }
}
