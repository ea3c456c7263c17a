import { describe, expect, it } from 'vitest';
import { smallTalkOf } from './small-talk.ts';

describe('wishes addressed to all, thanks saying the advice helps (small-talk.ts)', () => {
  it.each([
    ['Bonne année à toutes !', 'goodbye'],
    ['bonnes fêtes à tous', 'goodbye'],
    ["Belle année 2027 à toute l'équipe !!", 'goodbye'],
    ["top merci ça m'aide bcp", 'thanks'],
    ["merci, ça m'a beaucoup aidée", 'thanks'],
  ])('%s is small talk', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each(["ça m'aide pas, comment je fais pour la pop-up ?", 'merci, ça m’aide, mais comment je relie Zapier à Brevo ?', 'à toutes mes clientes je dois envoyer quoi ?'])(
    '%s asks something',
    (message) => {
      expect(smallTalkOf(message)).toBeNull();
    },
  );
});
