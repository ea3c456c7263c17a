/**
 * A heading that names what the lines under it are ("Ce qu'elle ne consulte jamais", "Ce qu'elle te
 * transmet", "Ce qu'il faut éviter", "Ce qui compte comme une tâche"): a line under it that opens on a
 * determiner is often a bare list of things, whose sense is all in the heading. Quoted alone, "Les
 * notes de séance, les questionnaires de santé et les échanges privés de coaching." answered "mon
 * assistante peut-elle lire mes notes de séance ?" without saying that she never reads them (the fifth
 * knowledge base, 2026-12-05). Such a line is quoted after its heading ("Ce qu'elle ne consulte jamais
 * — Les notes de séance, …"), as a line opening on a label already is (answer-passages.ts).
 */

/** "Ce que …", "Ce qu'…", "Ce qui …" (and "Ce dont …"): a heading that is the name of what follows. */
const NAMES_WHAT_FOLLOWS = /^Ce (?:que?\s|qu['’]|qui\s|dont\s)/iu;
/** A line opening on a determiner: a thing, not an instruction ("Relis…") nor a clause ("Si…", "Elle…"). */
const OPENS_ON_A_DETERMINER = /^(?:(?:les|la|le|un|une|des|tes|ses|ton|ta|son|sa|tous les|toutes les)\s|l['’])/iu;

/**
 * A line whose main clause states something of its subject with "être", "avoir", "devenir", "rester" says it itself: "Le taux d'ouverture
 * est devenu peu fiable…" under "Ce qu'il faut mesurer" (the sample knowledge base) is not a thing of that list.
 */
const STATES_ITSELF = /(?:^|\s)(?:est|sont|était|étaient|sera|seront|a|ont|avait|avaient|devient|deviennent|reste|restent)(?=[\s,.;:!?]|$)/iu;

export function sensIsInItsHeading(passage: { text: string; heading: string }): boolean {
  const heading = passage.heading.trim();
  const text = passage.text.trim();
  // Up to its first comma, colon or relative clause: "Une case à cocher non pré-cochée si tu veux… qu'elle a demandée" is a thing.
  const mainClause = text.split(/[,:;(]|\s(?:qui|que|qu['’]|si|dont|où)(?=[\s\p{L}])/u)[0]!;
  return NAMES_WHAT_FOLLOWS.test(heading) && !heading.endsWith('?') && OPENS_ON_A_DETERMINER.test(text) && !STATES_ITSELF.test(mainClause);
}
