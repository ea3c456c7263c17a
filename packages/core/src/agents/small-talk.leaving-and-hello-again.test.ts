import { describe, expect, it } from 'vitest';
import { smallTalkOf } from './small-talk.ts';

describe('taking one’s leave, hello again (small-talk.ts, blind round 21)', () => {
  it.each(['je vous laisse, ma cliente arrive', 'je dois filer, merci !', 'je me sauve, ma séance commence', 'Bon je te laisse, bonne soirée'])('%s: a goodbye', (message) => {
    expect(smallTalkOf(message)).toBe('goodbye');
  });

  it.each(['re-bonjour', 'Re bonjour Carole', 're'])('%s: a greeting', (message) => {
    expect(smallTalkOf(message)).toBe('greeting');
  });

  it.each(['je vous laisse mon numéro pour qu’on me rappelle', 'je vous laisse regarder mon tunnel', 'rebonjour, mon formulaire ne marche toujours pas'])('%s: not small talk', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });
});

/** Review of round 21: "allez" before taking one's leave. */
describe('taking one’s leave after "allez"', () => {
  it.each(['allez je vous laisse, merci pour tout', 'Allez, je file !'])('%s: a goodbye', (message) => {
    expect(smallTalkOf(message)).toBe('goodbye');
  });

  it('allez voir mon site et dites-moi: not small talk', () => {
    expect(smallTalkOf('allez voir mon site et dites-moi')).toBeNull();
  });
});
