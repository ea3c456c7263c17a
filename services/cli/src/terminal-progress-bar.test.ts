import { describe, expect, it } from 'vitest';
import { TerminalProgressBar } from './terminal-progress-bar.ts';

function recordingStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (text: string) => writes.push(text) };
}

describe('TerminalProgressBar', () => {
  it('draws a bar in place on a terminal, throttled, with messages above it', () => {
    const stream = recordingStream(true);
    let now = 0;
    const bar = new TerminalProgressBar(stream, 'ingest', { intervalMs: 100, now: () => now });
    bar.update({ done: 0, total: 4 });
    now = 50;
    bar.update({ done: 1, total: 4, detail: 'kb/a.md' }); // throttled
    now = 150;
    bar.update({ done: 2, total: 4, fraction: 0.6, detail: 'kb/b.md' });
    bar.log('échec      kb/c.md: le document est vide');
    bar.finish();
    expect(stream.writes).toEqual([
      '\r\u001B[2Kingest [░░░░░░░░░░░░░░░░░░░░░░░░] 0/4   0%',
      '\r\u001B[2Kingest [██████████████░░░░░░░░░░] 2/4  60%  kb/b.md',
      '\r\u001B[2K',
      'échec      kb/c.md: le document est vide\n',
      '\r\u001B[2Kingest [██████████████░░░░░░░░░░] 2/4  60%  kb/b.md',
      '\r\u001B[2Kingest [██████████████░░░░░░░░░░] 2/4  60%  kb/b.md',
      '\n',
    ]);
  });

  it('prints plain lines only when the stream is not a terminal', () => {
    const stream = recordingStream(false);
    const bar = new TerminalProgressBar(stream, 'ingest');
    bar.update({ done: 1, total: 2 });
    bar.log('[1/2] créé       kb/a.md (1 extrait)');
    bar.finish();
    expect(stream.writes).toEqual(['[1/2] créé       kb/a.md (1 extrait)\n']);
    expect(bar.isInteractive).toBe(false);
  });

  it('shortens a long detail from the left to fit the terminal width', () => {
    const bar = new TerminalProgressBar(recordingStream(true, 60), 'ingest');
    const line = bar.render({ done: 1, total: 10, detail: 'knowledge-base/un/chemin/très/long/vers/le/fichier.md' });
    expect(line.length).toBeLessThanOrEqual(59); // one column short of the width: no wrap
    expect(line.endsWith('fichier.md')).toBe(true);
    expect(line).toContain('…');
  });
});
