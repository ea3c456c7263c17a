import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';

/**
 * A question asking for an amount (quantity-question.ts) whose lead states it: the lines of the lead's document that share
 * with the question only words of the document's title ("poule" in "Élever des poules": every line of the guide is about
 * hens) and state no amount go after that document's other lines. In reading order, "Les poules muent à l'automne…", the
 * guide's first line, came second to "Combien de place faut-il pour une poule pondeuse ?", before "Le poulailler doit
 * offrir 1 m² pour trois poules." (a reviewer's knowledge base). Only such a line before one stating the amount moves,
 * and never a step of a procedure (its order is the procedure's). The lines quoted stay the same; a line holding another
 * question word keeps its place ("Les formations en ligne restent accessibles à vie", for "combien de temps je garde
 * accès aux formations", is not passed by a line stating "12 mois" of replays).
 */

interface Passage {
  documentId: string;
  text: string;
  heading: string;
  /** A step of a numbered procedure keeps its place (answer-passages.ts). */
  step?: number;
}

export interface AmountAsked<Ranked> {
  question: string;
  statesTheAmount: (passage: Ranked) => boolean;
  titleOf: (passage: Ranked) => string;
}

export function topicOnlyLinesLast<Ranked extends Passage>(afterTheLead: readonly Ranked[], lead: Ranked, asked: AmountAsked<Ranked> | null): Ranked[] {
  if (asked === null || !asked.statesTheAmount(lead)) return [...afterTheLead];
  const questionStems = new Set(questionTopicStems(asked.question));
  const lastStatingIt = afterTheLead.reduce((last, passage, index) => (passage.documentId === lead.documentId && asked.statesTheAmount(passage) ? index : last), -1);
  const onlyTheTopic = (passage: Ranked, index: number) => {
    if (index > lastStatingIt || passage.documentId !== lead.documentId || passage.step !== undefined || asked.statesTheAmount(passage)) return false;
    const title = new Set(contentStems(asked.titleOf(passage)));
    return contentStems(`${passage.heading} ${passage.text}`).every((stem) => !questionStems.has(stem) || title.has(stem));
  };
  const postponed = afterTheLead.filter(onlyTheTopic);
  if (postponed.length === 0) return [...afterTheLead];
  const kept = afterTheLead.filter((passage) => !postponed.includes(passage));
  // After the last other line of the lead's document, before the next documents' lines.
  const insertAt = kept.reduce((at, passage, index) => (passage.documentId === lead.documentId ? index + 1 : at), 0);
  return [...kept.slice(0, insertAt), ...postponed, ...kept.slice(insertAt)];
}
