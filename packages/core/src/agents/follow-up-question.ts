import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { contentStems } from '../french-text/french-text.ts';
import { questionTopicStems } from '../french-text/question-words.ts';

/**
 * A follow-up that names no topic of its own ("tu peux me donner un exemple ?", "tu peux détailler
 * la partie sur le son ?", "pourquoi ?", "and then?") asks for more of what the conversation is
 * about: searched alone, it finds whatever shares "exemple" or "partie". Its search text is the
 * visitor's previous questions followed by it; so is a question about an attribute of what was
 * just discussed ("et la durée ?", "ça coûte combien ?"), or one that names nothing the question
 * before it did not ("et ça va dans quel email ?"). A follow-up that names its own topic ("et
 * pour les stories ?", "et si j'utilise Systeme.io ?") is searched as written: its topic wins.
 */

/** What an offer is asked about, without naming the offer again ("et la durée ?", "ça coûte combien ?", "et c'est gratuit ?"). */
export const OFFER_ATTRIBUTE_WORDS = 'duree dure prix tarif tarifs cout coute coutent gratuit gratuite gratuits gratuites payant payante payants payantes horaires horaire date dates lieu frais';

/**
 * Words that ask for more, or for the how, why, when and what is inside, without saying of what
 * ("et à quelle heure ?", "il y a quoi dedans ?", "je peux le revoir après ?").
 */
const ASKING_FOR_MORE_STEMS: ReadonlySet<string> = new Set(
  contentStems(
    'exemple exemples detailler detaille detail details expliquer explique explication explications preciser precise ' +
      'precision developper developpe partie parties etape etapes point points truc trucs chose choses cela marche marchent ' +
      'fonctionne aussi pareil autre autres encore apres ensuite avant pourquoi meme plus moins concretement concret dire ' +
      'veut donner donne montrer montre ok okay daccord merci super genial top parfait suite reste example examples ' +
      'detail details explain elaborate ' +
      `${OFFER_ATTRIBUTE_WORDS} combien places jour jours heure heures moment creneau creneaux dedans revoir ` +
      'more why mean meaning next then else can could you give tell show please some an the what about how',
  ),
);
/** A follow-up is short: a longer message says what it is about, or is a question of its own. */
const MAX_FOLLOW_UP_WORDS = 12;
/** How many earlier questions a chain of follow-ups reaches back to ("exemple ?" after "et pourquoi ?"). */
const MAX_EARLIER_QUESTIONS = 3;

/**
 * Words that never say what a follow-up is about: modal verbs, pronouns, adverbs, English function
 * words ("et combien de temps ils doivent durer ?", "le mien est à 15 %", "vous êtes où
 * exactement ?", "how much is it?"), and how a choice is judged ("quel jour c'est le mieux ?"); and what a visitor does with an offer just discussed ("je
 * peux arrêter quand je veux ?", "on peut payer en plusieurs fois ?"). Numbers say nothing of a
 * topic either.
 */
const NEVER_A_TOPIC_STEMS: ReadonlySet<string> = new Set(
  contentStems(
    'doit doivent dois devoir devez devons faut falloir peuvent pouvoir pouvez puisse fais faites vont aller ' +
      'mien mienne miens miennes tien tienne sien sienne celui celle ceux ici exactement exact vraiment toujours ' +
      'souvent deja juste seulement quoi plusieurs mieux meilleur meilleure meilleurs ideal ideale ' +
      'arreter arrete annuler annule stopper commencer commence demarrer payer paye paiement engagement pause ' +
      'is it its this that these those much many does do did there one ones will would should must need have has get cost costs price',
  ),
);

/** What a message asks about of its own: its topic stems, less the words that ask for more or name nothing. */
const ownTopicStems = (message: string): string[] =>
  questionTopicStems(message).filter((stem) => !ASKING_FOR_MORE_STEMS.has(stem) && !NEVER_A_TOPIC_STEMS.has(stem) && !/^\d+$/.test(stem));

const namesNoTopic = (message: string) => ownTopicStems(message).length === 0;

/** Words that ask for a part of what was said, in more detail ("tu peux détailler la partie sur le son ?"). */
const ASKING_FOR_DETAIL_STEMS: ReadonlySet<string> = new Set(
  contentStems('detailler detaille detail details partie parties exemple exemples expliquer explique preciser precise developper developpe example examples explain elaborate'),
);

/** Whether the message asks for detail ("détailler", "partie", "exemple", "explain"...), follow-up or not. */
const asksForDetail = (message: string): boolean => questionTopicStems(message).some((stem) => ASKING_FOR_DETAIL_STEMS.has(stem));

/** "tu peux détailler ?", "un exemple ?", "explique-moi": a follow-up asking for more of what was just said. */
export function asksForMoreDetail(message: string, history: readonly HistoryMessage[]): boolean {
  return asksForDetail(message) && followUpSearchText(message, history) !== null;
}

/**
 * Every word it names, the question before named ("et ça va dans quel email ?" after a question on
 * an email sequence); or it asks for more detail on one thing of what was said ("tu peux détailler
 * la partie sur le son ?" after a question on Reels).
 */
const namesNothingNew = (message: string, previousQuestion: string): boolean => {
  const before = new Set(questionTopicStems(previousQuestion));
  const newStems = ownTopicStems(message).filter((stem) => !before.has(stem));
  if (newStems.length === 0) return true;
  return newStems.length === 1 && asksForDetail(message);
};

/**
 * Opening on a pronoun that stands for what was just discussed, with one new word that says what happens to it ("elles
 * arrivent pas" after a question on Zoom registrants sent to Brevo, blind round 19: searched alone, it was answered from a
 * page on a Kajabi login link): the subject is the earlier question's, so is the search. Not after "et", which opens another
 * thing ("et ça va dans quel Reel ?", "et pour une bougie, ça donne quoi ?"), nor with a platform named ("ça marche aussi
 * pour Instagram ?").
 */
const REFERS_BACK = /^\s*(?:(?:mais|ok|bon|bah|ben|pourtant|sauf que)[,\s]+)?(?:ça|ca|cela|elles|ils)(?![\p{L}'’-])/iu;
const MAX_REFERRING_WORDS = 8;
const A_PLATFORM = /(?<![\p{L}'’-])(?:instagram|insta|facebook|tiktok|linkedin|youtube|pinterest|threads|whatsapp|canva|kajabi|brevo|zapier|make|stripe|paypal|gmail|outlook|mailchimp|mailerlite|podia|calendly|zoom|notion|shopify|wordpress|systeme)(?![\p{L}'’-])/iu;
/**
 * What was just discussed as the object of the verb, by a pronoun ("je peux l'enlever ?" after "Instagram a mis Info IA sur
 * mon post", blind round 20: searched alone, "enlever" found nothing): the same subject, one new word for what to do to it.
 */
const REFERS_BACK_AS_OBJECT = /^\s*(?:(?:et|mais|ok|bon|du coup)[,\s]+)?(?:je|j['’]|on|tu|vous)\s*(?:peux|peut|pourrais|pourrait|dois|doit|vais|sais|arrive|arrive pas à|n['’]arrive pas à)\s+(?:pas\s+)?(?:l['’]|le\s|la\s|les\s)/iu;
function refersBackWithOneNewWord(message: string, previousQuestion: string): boolean {
  if (!(REFERS_BACK.test(message) || REFERS_BACK_AS_OBJECT.test(message)) || A_PLATFORM.test(message) || message.trim().split(/\s+/).length > MAX_REFERRING_WORDS) return false;
  const before = new Set(questionTopicStems(previousQuestion));
  return ownTopicStems(message).filter((stem) => !before.has(stem)).length <= 1;
}

/**
 * "et côté mails ?", "et du côté d'Instagram ?": the same matter seen from one of its sides (blind round 20: "et côté mails ?"
 * after "Comment annoncer le déménagement de mon cabinet ?", searched alone, was answered from a page on Kajabi reminder
 * e-mails). "côté" names a side of what was just asked, unlike "et pour les stories ?", which may open another thing.
 */
const A_SIDE_OF_IT = /^\s*(?:(?:et|mais|ok|ok et|d'accord et|et alors)\s+)?(?:du\s+)?c[oô]t[ée]\s+(?:(?:de|des|du|d['’])\s*)?\S+(?:\s+\S+)?\s*[?!.]*\s*$/iu;
/** The side named decides who answers (the router: "et côté insta ?" is Carole's); the search keeps the matter asked. */
export const asksAboutASideOfIt = (message: string): boolean => A_SIDE_OF_IT.test(message);

/** The visitor's question before this message (the newest user turn of `history`), if any. */
const previousQuestionOf = (history: readonly HistoryMessage[]): string | undefined => [...history].reverse().find((turn) => turn.role === 'user')?.content;

/**
 * The text to search the knowledge base with for `message`, given the conversation before it
 * (oldest first, without `message`): the previous questions then `message` when `message` is a
 * short follow-up naming no topic of its own, or none that the question before it did not name;
 * null otherwise (search the message as written).
 */
export function followUpSearchText(message: string, history: readonly HistoryMessage[]): string | null {
  // The cheap tests first: most messages open a conversation or are long enough to name their topic.
  const previousQuestion = previousQuestionOf(history);
  if (previousQuestion === undefined) return null;
  if (message.trim().split(/\s+/).length > MAX_FOLLOW_UP_WORDS) return null;
  if (!namesNothingNew(message, previousQuestion) && !refersBackWithOneNewWord(message, previousQuestion) && !asksAboutASideOfIt(message)) return sameQuestionOfAnotherThing(message, previousQuestion);
  const earlier: string[] = [];
  for (let index = history.length - 1; index >= 0 && earlier.length < MAX_EARLIER_QUESTIONS; index -= 1) {
    const turn = history[index]!;
    if (turn.role !== 'user') continue;
    earlier.unshift(turn.content);
    // The chain stops at the question that named its topic.
    if (!namesNoTopic(turn.content)) break;
  }
  return earlier.length === 0 ? null : [...earlier, message].map(withoutAskingVerbs).join(' ');
}

/**
 * The verbs of asking ("donner", "montrer", "dire", "expliquer") left out of a follow-up's search
 * text: "me donner un exemple" would match "données" (both stem to "donn") in a page on personal
 * data. The rest stays: "exemple" finds the passages that give one.
 */
const ASKING_VERBS = /(?<![\p{L}'’-])(?:donner|donne|donnes|donnez|montrer|montre|montres|montrez|dire|dis|dites|expliquer|explique|expliques|expliquez)(?![\p{L}'’-])\s?/giu;
const withoutAskingVerbs = (text: string): string => text.replace(ASKING_VERBS, '').replace(/\s+/g, ' ').trim();

/**
 * The text a message is searched with: a follow-up's (followUpSearchText), or the message itself
 * without its verbs of asking ("et pour une bougie, ça donne quoi ?" would find "données" on "donne").
 */
export function searchTextOf(message: string, history: readonly HistoryMessage[]): string {
  const followUp = followUpSearchText(message, history);
  if (followUp !== null) return followUp;
  const bare = withoutAskingVerbs(message);
  return /\p{L}/u.test(bare) ? bare : message;
}

/** "et Vitrine ?", "et pour la deuxième ?": a short follow-up opening on "et" that names another thing. */
const ELLIPTIC_FOLLOW_UP = /^\s*(?:et|and)\b/i;
const MAX_ELLIPTIC_WORDS = 8;
/** A question word, verb or attribute of its own: "et les séances, elles sont enregistrées ?", "et la durée du programme ?" ask something else of the thing. */
const ASKS_ITS_OWN_QUESTION =
  /(?<![\p{L}'’-])(?:est[- ]ce|comment|pourquoi|quand|où|ou est|qui|quel(?:le)?s?|combien|peut|peux|puis|faut|sont|est|a[- ]t|y a|dure|durent|durée|duree|prix|tarifs?|coûts?|couts?|horaires?|dates?|marche|fonctionne)(?![\p{L}'’-])/iu;
/** What a question asks of a thing, carried to the next thing: "combien coûte", "quelle est la durée" (not "comment fixer le prix"). */
const ASKED_ATTRIBUTE = /\b(?:combien (?:ça |ca )?(?:coûte|coute|coûtent|coutent)|(?:coûte|coute|coûtent|coutent)[- ]?(?:il|elle|ils|elles)? combien|c'est combien|quel(?:le)? (?:est (?:le |la )?)?(?:prix|tarif|durée|duree)|quels sont (?:les |vos )?(?:prix|tarifs)|combien de temps|dure combien|how much|how long|quels sont (?:les|vos) horaires)(?![\p{L}\p{N}])/iu;

/**
 * "Combien coûte Étincelle ?" then "et Vitrine ?": the same question of another thing. The thing
 * named wins (it is searched, not the earlier one), with what the earlier question asked of its own
 * ("combien coûte"), so the price of Vitrine is looked for, not whatever Vitrine's page says first.
 * Null when the follow-up is not that short and elliptic, or the earlier question asked no such thing.
 */
function sameQuestionOfAnotherThing(message: string, previousQuestion: string): string | null {
  const attribute = carriedAttribute(message, previousQuestion);
  return attribute === null ? null : `${message.trim()} ${attribute}`;
}

/** What the question before asked of its thing ("combien coûte"), when `message` asks the same of another thing; null otherwise. */
function carriedAttribute(message: string, previousQuestion: string): string | null {
  if (!ELLIPTIC_FOLLOW_UP.test(message) || message.trim().split(/\s+/).length > MAX_ELLIPTIC_WORDS) return null;
  if (ASKS_ITS_OWN_QUESTION.test(message.replace(ELLIPTIC_FOLLOW_UP, ''))) return null;
  const attribute = ASKED_ATTRIBUTE.exec(previousQuestion);
  return attribute === null || ASKED_ATTRIBUTE.test(message) ? null : attribute[0];
}

/**
 * "Quels sont vos tarifs ?" then "et la séance à l'unité ?": what the earlier question asked ("quels
 * sont vos tarifs"), carried to this message (the answerer looks for that amount); null when the
 * message is not such a follow-up.
 */
export function attributeCarriedTo(message: string, history: readonly HistoryMessage[]): string | null {
  const previousQuestion = previousQuestionOf(history);
  if (previousQuestion === undefined || namesNothingNew(message, previousQuestion)) return null;
  return carriedAttribute(message, previousQuestion);
}
