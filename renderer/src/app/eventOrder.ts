/**
 * Orders what a page learns about a run from two sources: events, and the reply to a request it
 * sent. A reply is stale when an event about the same run arrived while the request was under way
 * (a run cancelled, say, before the reply to `cancelRun` came back): the event is newer.
 */
export class EventOrder {
  #events = 0;
  readonly #lastEventAt = new Map<number, number>();

  /** Records an event about a run. */
  event(runId: number): void {
    this.#lastEventAt.set(runId, ++this.#events);
  }

  /** A mark to take just before sending a request. */
  mark(): number {
    return this.#events;
  }

  /** Whether the reply about `runId` to a request sent at `mark` is still the newest news of it. */
  replyIsCurrent(runId: number, mark: number): boolean {
    return (this.#lastEventAt.get(runId) ?? 0) <= mark;
  }
}
