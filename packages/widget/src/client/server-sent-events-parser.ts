/**
 * Incremental parser of a `text/event-stream` body (WHATWG "event stream interpretation"), for
 * streams read with fetch: EventSource cannot send `Authorization`, which the conversation stream
 * needs. Feed it decoded text chunks; it calls `onEvent` for each complete event. Comments
 * (heartbeats) and `retry:` lines are skipped.
 */
export interface ServerSentEvent {
  type: string;
  id: string | undefined;
  data: string;
}

export class ServerSentEventsParser {
  private buffer = '';
  private type = '';
  private id: string | undefined;
  private dataLines: string[] = [];

  constructor(private readonly onEvent: (event: ServerSentEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone "\r" at the end may be the first half of "\r\n": wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) return;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.dataLines.length > 0) this.onEvent({ type: this.type || 'message', id: this.id, data: this.dataLines.join('\n') });
      // The last event id lasts until an `id:` line changes it (the SSE spec's last event ID buffer).
      this.type = '';
      this.dataLines = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}
