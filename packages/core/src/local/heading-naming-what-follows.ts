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

export function sensIsInItsHeading(passage: { text: string; heading: string }): boolean {
  const heading = passage.heading.trim();
  return NAMES_WHAT_FOLLOWS.test(heading) && !heading.endsWith('?') && OPENS_ON_A_DETERMINER.test(passage.text.trim());
}
