import { OFFER_ATTRIBUTE_WORDS } from '../agents/follow-up-question.ts';
import { contentStems, foldFrench, spacedFoldedWords } from '../french-text/french-text.ts';
import { contactFactsAskedBy, type ContactFact } from '../local/contact-facts.ts';
import { questionTopicStems } from '../french-text/question-words.ts';
import { withFrenchEquivalents } from '../french-text/english-query-words.ts';
import { ASKS_WHO, oneWordTopicIsAName, twoWordTermsOf } from './knowledge-match-cues.ts';

/**
 * A question about one thing ("Quels sont vos horaires ?", "Quels formats proposez-vous ?",
 * "Quelle longueur ?") is answered by a chunk whose title or section heading holds that word: a
 * heading names what its section answers. Its topic is its one content word once the framing of a
 * question is left out (question-words.ts, and the verbs of offering). Not when the word says
 * nothing of a topic ("Une question ?", "Tu peux m'aider ?"), nor when the message asks nothing
 * ("test"). Such a question is also searched by its words (full text), not only by its vector: a
 * one-word vector rarely reaches the similarity floor.
 */
const TOPICLESS_STEMS: ReadonlySet<string> = new Set(
  contentStems(
    'question questions aide aider aides help info infos information informations renseignement renseignements probleme problemes ' +
      'souci soucis truc trucs chose choses test tests demande demandes besoin besoins conseil conseils avis idee idees possible ' +
      'marche fonctionne sujet sujets faire fait savoir ca quoi oui non ok hello salut coucou bonjour merci ' +
      // Times and sequence, a state of the visitor, a person: what a vague follow-up or a request names, not a topic.
      'apres avant pendant ensuite debut fin premier premiere premiers premieres dernier derniere fois moment temps ' +
      'semaine semaines jour jours mois an ans annee annees heure heures minute minutes maintenant demain hier ' +
      'bloque bloquee bloques bloquees perdu perdue coince coincee personne personnes humain humaine quelqu exemple cas',
  ),
);
/** Verbs of offering or advising: "Quels transporteurs vous conseillez ?" is about carriers. */
const OFFERING_VERB_STEMS: ReadonlySet<string> = new Set(
  contentStems('propose proposes proposez proposer proposent faites avez offrez vendez conseillez conseiller conseilles recommandez recommander recommandes suggerez'),
);
/**
 * What a question asks of a thing it names: "combien de temps dure Signature ?", "le prix de
 * Canopée ?" are about Signature, Canopée. Left out of the one-word topic when a word remains: the
 * follow-ups' list of what an offer is asked about (agents/follow-up-question.ts), and "durent".
 */
const ATTRIBUTE_STEMS: ReadonlySet<string> = new Set(contentStems(`${OFFER_ATTRIBUTE_WORDS} durent`));
const ASKS_SOMETHING =
  /\?|^\s*(?:quel|quels|quelle|quelles|combien|comment|ou|quand|qui|pourquoi|est-ce|c'est (?:quoi|qui)|c (?:qui|quoi|koi|ki)|kel|kels|kelle|kelles|koi|qu'est-ce|qu'est ce|what|how|when|where|who|which|do|does|is|are|can)\b/;

/** A message's words, as the local lexical models see it (English words get French equivalents). */
export interface QuestionWords {
  /** Its content words (stemmed, stop words removed). */
  stems: Set<string>;
  /** Those of the question itself, its framing ("combien de temps", "je voudrais") left out. */
  topicStems: Set<string>;
  /** The one word a question is about, or null (see above). */
  oneWordTopic: string | null;
  /** That word is written as a name ("C'est qui Margaux ?"): a chunk that holds it anywhere answers. */
  oneWordTopicIsAName: boolean;
  /** The question asks who someone is ("c qui malik"): a chunk that writes the word as a name answers. */
  asksWho: boolean;
  /** Topic words side by side ("order bump"): a chunk holding them side by side answers (knowledge-match-cues.ts). */
  twoWordTerms: string[];
  /** Ways of paying the question names ("vous acceptez les chèques ?"; INSTALMENTS_MEANS for "en plusieurs fois"): a chunk about payment that names one answers. */
  paymentMeansStems: string[];
  /** How to reach the agency, asked ("vous avez un numéro de tel ?"): a chunk naming it in a heading or label answers (contact-questions.ts). */
  contactFacts: ContactFact[];
  /**
   * What the question asks whether the agency offers ("vous proposez des ateliers ?", "est-ce que vous faites des séances
   * individuelles ?"): its topic words, the verb of offering left out; empty for any other question. A page on the agency's
   * offer that names one answers (knowledge-match-cues.ts `offerPageNames`).
   */
  askedOfTheOffer: string[];
}

/**
 * The agency asked whether it offers something: "vous proposez…", "est-ce que vous faites…", "proposez-vous…", "vous avez
 * des…"; or what it costs, asked of a thing of its own or with no subject the router knows ("c'est combien le coaching ?",
 * "combien coûtent vos ateliers ?", "how much is the coaching?", "what are your prices?": a probe of `pnpm start`,
 * 2026-12-05, they got the clarifying question; the offer page says where the prices are).
 */
const ASKS_WHAT_YOU_OFFER =
  /\b(?:vous (?:proposez|faites|avez|offrez|vendez|organisez|donnez)|(?:proposez|faites|avez|offrez|vendez|organisez|donnez) vous|do you (?:offer|do|have|sell|run)|c est combien (?:le|la|les|l|vos|votre)|combien (?:coute|coutent|ca coute) (?:le|la|les|l|vos|votre)|(?:quels?|quelles?) (?:est|sont) (?:le|les|vos|votre) (?:prix|tarifs?) (?:de|du|des|d)|how much (?:is|are|does|do) (?:the|your)|what (?:are|is) your (?:prices?|rates?|fees?))\b/;

/** Ways of paying, as a visitor names them (folded). */
const PAYMENT_MEANS = /\b(?:cheques?|especes|liquide|cash|virements?|paypal|lydia|prelevements?|carte bancaire|cartes bancaires|cb|checks?|bank transfers?|credit cards?)\b/g;
/**
 * Paying in instalments, as a visitor asks it ("en plusieurs fois", "en 3 fois", "des mensualités")
 * and as a pricing page states it ("Paiement en 3 fois sans frais", "10 mensualités de 410 €"):
 * the words differ ("plusieurs" against a figure), so the cue is the idea, not a shared word.
 */
export const STATES_INSTALMENTS = /\b(?:en (?:plusieurs|\d+|deux|trois|quatre|six|dix|douze) (?:fois|mensualites|versements|echeances)|plusieurs fois|echelonn\w*|mensualites?|fractionn\w*|\d+ (?:versements|echeances)|instal+ments?)\b/;
/** The payment means a question asking for instalments names (paymentMeansStems): a page about paying that states them answers. */
export const INSTALMENTS_MEANS = 'instalments';

export function questionWordsOf(message: string): QuestionWords {
  // English words get their French equivalents (as the local models see them); contact facts are their own cue below.
  const text = withFrenchEquivalents(message);
  const topicStems = new Set(questionTopicStems(text));
  const folded = foldFrench(message);
  const spaced = spacedFoldedWords(message);
  // "Et après ?", "et pour le reste ?": a follow-up of something said before, not a question of its own.
  const asksItsOwn = ASKS_SOMETHING.test(folded) && !/^\s*et\b/.test(folded);
  const named = [...topicStems].filter((stem) => !OFFERING_VERB_STEMS.has(stem));
  const withoutAttributes = named.filter((stem) => !ATTRIBUTE_STEMS.has(stem));
  const topic = withoutAttributes.length > 0 ? withoutAttributes : named;
  const oneWordTopic = asksItsOwn && topic.length === 1 && !TOPICLESS_STEMS.has(topic[0]!) ? topic[0]! : null;
  const termStems = new Set([...topicStems].filter((stem) => !TOPICLESS_STEMS.has(stem) && !OFFERING_VERB_STEMS.has(stem)));
  return {
    stems: new Set(contentStems(text)),
    topicStems,
    oneWordTopic,
    oneWordTopicIsAName: oneWordTopic !== null && oneWordTopicIsAName(message, oneWordTopic),
    asksWho: ASKS_WHO.test(spaced),
    twoWordTerms: asksItsOwn ? twoWordTermsOf(message, termStems) : [],
    paymentMeansStems: asksItsOwn
      ? [...new Set([...(spaced.match(PAYMENT_MEANS) ?? []).flatMap((means) => contentStems(means)), ...(STATES_INSTALMENTS.test(spaced) ? [INSTALMENTS_MEANS] : [])])]
      : [],
    contactFacts: contactFactsAskedBy(message),
    askedOfTheOffer: asksItsOwn && ASKS_WHAT_YOU_OFFER.test(spaced) ? [...termStems] : [],
  };
}
