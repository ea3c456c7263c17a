/** One parsed Server-Sent Event (test client side). */
export interface ReceivedServerSentEvent {
  event: string;
  id: string | undefined;
  data: unknown;
}

/**
 * Reads a `text/event-stream` response body event by event (a tiny EventSource for tests):
 * yields each event with its JSON data; comments (heartbeats) are counted, not yielded.
 */
export class ServerSentEventsReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  comments = 0;
  retryMs: number | undefined;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next event, or undefined when the stream ended. */
  async next(): Promise<ReceivedServerSentEvent | undefined> {
    for (;;) {
      const boundary = this.buffer.indexOf('\n\n');
      if (boundary >= 0) {
        const block = this.buffer.slice(0, boundary);
        this.buffer = this.buffer.slice(boundary + 2);
        const parsed = this.parseBlock(block);
        if (parsed) return parsed;
        continue;
      }
      const { done, value } = await this.reader.read();
      if (done) return undefined;
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** Every remaining event until the server closes the stream. */
  async readToEnd(): Promise<ReceivedServerSentEvent[]> {
    const events: ReceivedServerSentEvent[] = [];
    for (let event = await this.next(); event !== undefined; event = await this.next()) events.push(event);
    return events;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }

  private parseBlock(block: string): ReceivedServerSentEvent | undefined {
    let event = 'message';
    let id: string | undefined;
    const dataLines: string[] = [];
    let sawField = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments += 1;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') dataLines.push(value);
      else if (field === 'retry') this.retryMs = Number(value);
      else continue;
      sawField = true;
    }
    if (!sawField || dataLines.length === 0) return undefined;
    return { event, id, data: JSON.parse(dataLines.join('\n')) };
  }
}
