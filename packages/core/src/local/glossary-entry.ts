import { contentStems } from '../french-text/french-text.ts';
import { withFixedExpressionsJoined } from '../french-text/fixed-expressions.ts';

/** A line opening on a short label before its colon ("Zap (chez Zapier) ou scénario (chez Make) : l'ensemble…"): the label (group 1). */
const GLOSSARY_LABEL = /^([^:.!?]{1,60}?)\s?:\s\S/u;

/**
 * A glossary's entry for the thing asked: a line whose label, brackets aside, or one of its alternatives ("Zap ou scénario"
 * for "un zap"), says only words of the thing (which may hold more: "un scénario Make", "un zap" and its search words), its
 * first among them: the thing's head noun ("l'historique d'un zap" is no zap). "c'est quoi un déclencheur ?" led with "Zap… : l'ensemble déclencheur + actions", the
 * entry "Déclencheur : l'événement qui démarre l'automatisation" third (a probe of `pnpm start`, 2026-12-05).
 */
export function isTheGlossaryEntryOf(text: string, thingStems: readonly string[]): boolean {
  const label = GLOSSARY_LABEL.exec(text)?.[1];
  if (label === undefined || thingStems.length === 0) return false;
  return label
    .replace(/\([^)]*\)/gu, ' ')
    .split(/\s+(?:ou|or)\s+|\s*\/\s*/u)
    .some((alternative) => {
      const stems = contentStems(withFixedExpressionsJoined(alternative));
      return stems.length > 0 && stems.length <= 4 && stems.includes(thingStems[0]!) && stems.every((stem) => thingStems.includes(stem));
    });
}
