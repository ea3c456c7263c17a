import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A question asking what a thing is ("c'est quoi l'audit express", "qu'est-ce que le Cercle ?",
 * "what is the 3-month program?"). The section a knowledge base writes about the thing is headed by
 * its name ("## Audit express — 150 €") and its first passage says what it is ("Une séance unique de
 * 45 minutes…") without naming it again, while other pages name it in passing ("les cartes cadeaux
 * sont disponibles pour l'Audit express"): the answerer favours that first passage.
 * Not "c'est quoi votre adresse ?", "what is your phone number?": the visitor asks the value the
 * agency (or someone) has, not what the thing is; the first passage under a title that names it
 * ("Horaires, adresse et contact") was favoured over the line giving the address (a blind probe, 2026-12-04).
 */
const ASKS_WHAT_IT_IS = /^ (?:et )?(?:c est quoi|c quoi|c koi|cest quoi|qu est ce que c est|qu est ce que|qu est ce qu|what is|what s|what are) (?!(?:votre|vos|ton|ta|tes|your|leur|leurs|son|sa|ses) )/;

/**
 * The same question with the thing first or its meaning asked ("le b-roll c'est quoi ?", "b-roll ça veut dire quoi", "que veut
 * dire b-roll", review of round 17: these got "Je n'ai rien trouvé" where "c'est quoi le b-roll ?" was answered). A thing of a
 * few words, not someone's value ("votre adresse c'est quoi").
 */
const THING_FIRST = /^ (?:et )?(?!(?:votre|vos|ton|ta|tes|leur|leurs|son|sa|ses) )(?:[a-z0-9]+ ){1,4}(?:c est quoi|c quoi|c koi|cest quoi|cest koi|ca veut dire quoi|veut dire quoi|ca signifie quoi|signifie quoi|definition|ca sert a quoi)(?: exactement| au juste| en fait| au fait| vraiment)? $/;
const MEANING_ASKED = /^ (?:et )?(?:que veut dire|que signifie|ca veut dire quoi|ca signifie quoi|c est quoi la definition (?:de|d|du|des)|la definition (?:de|d|du|des)|definition (?:de|d|du|des)) (?!(?:votre|vos|ton|ta|tes|leur|leurs|son|sa|ses) )/;

const THING_FIRST_WORDS = /^ (?:et )?((?:[a-z0-9]+ ){1,4}?)(?:c est quoi|c quoi|c koi|cest quoi|cest koi|ca veut dire quoi|veut dire quoi|ca signifie quoi|signifie quoi|definition|ca sert a quoi) /;

export const asksWhatItIs = (message: string): boolean => {
  const text = spacedFoldedWords(message);
  // The thing first, in the message's first clause ("Threads ça sert à quoi vraiment? J'ai déjà de la misère…").
  const firstClause = spacedFoldedWords(message.split(/[?!.;\n]/u).find((part) => part.trim() !== '') ?? '');
  return ASKS_WHAT_IT_IS.test(text) || THING_FIRST.test(text) || THING_FIRST.test(firstClause) || MEANING_ASKED.test(text);
};

/**
 * The thing a definition question asks about, in the message's own words ("un webhook concretement" of "c quoi un webhook
 * concretement ? on m'a dit que ca remplacait zapier"; "le b-roll" of "le b-roll c'est quoi ?"): the clause that asks,
 * without its framing, so that the section headed by that thing is found even when the message goes on about something
 * else (blind round 17: the whole message's words, "zapier" and "remplacait" among them, were looked for in the heading
 * "C'est quoi un webhook ?", and step 2 of the procedure led). Null when the message asks no definition.
 */
export function thingAskedToDefine(message: string): string | null {
  if (!asksWhatItIs(message)) return null;
  const thing = thingClause(message);
  // The thing ends where the message goes on about the visitor's case ("une liste d'attente pour un programme").
  return thing === null ? null : thing.replace(/ (?:pour|si|quand|dans|avec|sur|chez|alors|mais|et|car|parce) .*$/, '') || null;
}

function thingClause(message: string): string | null {
  const clause = message.split(/[?!.;:\n]/u).find((part) => part.trim() !== '') ?? '';
  const text = spacedFoldedWords(clause);
  for (const framing of [ASKS_WHAT_IT_IS, MEANING_ASKED]) {
    const match = framing.exec(text);
    // The thing ends at the clause's first comma ("c'est quoi le b-roll, j'entends ça partout").
    if (match === null) continue;
    const beforeComma = spacedFoldedWords(clause.split(',')[0]!);
    const inPart = framing.exec(beforeComma);
    return (inPart ? beforeComma.slice(inPart[0].length) : text.slice(match[0].length)).trim() || null;
  }
  const thingFirst = THING_FIRST_WORDS.exec(text);
  if (thingFirst) return thingFirst[1]!.trim();
  return null;
}
