import type { AgentName } from '../contract/chat-schemas.ts';
import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A message that is only a greeting, a thank-you or a goodbye ("Bonjour !", "Merci beaucoup pour
 * ton aide, c'était top", "bonne journée", "thanks!"). It asks nothing: it gets a short reply in the
 * agent's voice, neither a clarifying question about its topic nor, after an answer, the previous
 * answer again (a "merci" read as a follow-up searched the previous question once more). A message
 * that also asks something ("Bonjour, comment relier Calendly à Zapier ?", "Merci, c'est tout ?") is
 * not small talk.
 */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye';

/**
 * The visitor says their problem is solved ("ok j'ai trouvé, c'était la connexion. merci !", "super
 * merci, c'était ça le souci !"): said beside a thank-you, it asks nothing either.
 */
const SOLVED = String.raw`(?:(?:je (?:crois|pense) que )?j ai (?:tout |bien |enfin )?compris|c est (?:bien |plus |tout )?(?:compris|clair)|je comprends mieux(?: maintenant)?|je vois (?:beaucoup )?(?:mieux|plus clair)(?: maintenant)?|j y vois (?:beaucoup )?plus clair(?: maintenant)?|c est (?:exactement |tout a fait |pile )?(?:ce qu il me fallait|ce que je cherchais|ce dont j avais besoin)|j ai trouve(?: la solution| la reponse| le probleme| le souci| l erreur)?|c est (?:bon|regle|resolu|reparti)|(?:probleme|souci) (?:regle|resolu)|(?:ca|tout) (?:a )?(?:marche|fonctionne|remarche|refonctionne)(?: (?:maintenant|a nouveau|de nouveau|bien|du premier coup|tout de suite|nickel|parfaitement))?|c etait (?:ca|(?:la|le|l|mon|ma|mes|un|une) [a-z]+)(?: (?:le|la) (?:souci|probleme|bug|cause))?)`;

/**
 * What the visitor will do next, said beside a thank-you or a goodbye ("merci c'est top, je teste ce
 * soir", "ok je reviens vers toi quand c'est fait"): it asks nothing either (blind round 11).
 */
/** When the visitor would come back ("je reviens vers vous si je bloque", blind round 16): a condition, not a question. */
const IF_STUCK = String.raw`(?:si (?:je (?:bloque|coince|galere|seche|ne trouve pas|ne m en sors pas|suis perdue?)|j ai (?:besoin|un souci|un probleme|une question|d autres questions)|ca (?:bloque|coince|ne marche pas))|au besoin|en cas de (?:besoin|souci|probleme))`;
const WHEN = String.raw`(?:ca|tout ca|de suite|tout de suite|ce (?:soir|matin|midi)|cet apres midi|(?:demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: (?:matin|midi|apres midi|soir))?|la semaine prochaine|tout a l heure|dans la journee|a tete reposee|cette semaine|ce week end|maintenant|des que possible|asap|plus tard|bientot|si besoin|quand c est fait|ici|apres (?:les fetes|les vacances|noel|paques|le nouvel an|la rentree|les conges|l ete|mes vacances|mes conges|mon conge|mon rendez vous|mon rdv)|${IF_STUCK})`;
/**
 * What the next step is done on ("je teste le live en duo", "je fais ça"): a determiner and one or two words (blind round 13).
 * The step may be any doing on one's own setup ("je règle mon message d'absence ce soir", blind round 14).
 */
const OBJECT = String.raw`(?:(?:le|la|les|l|ton|ta|tes|votre|vos|cette|ce|cet|mon|ma|mes) [a-z]+(?: (?:en|de|du|des|d|a) [a-z]+)?)`;
const NEXT_STEP = String.raw`(?:je (?:vais )?(?:teste|tester|essaie|essaye|essayer|regarde|regarder|applique|appliquer|m y mets|m y mettre|(?:y )?reflechi[rs](?: a)?|vois|voir|fais|faire|regle|regler|configure|configurer|installe|installer|mets en place|mettre en place|prepare|preparer|corrige|corriger|modifie|modifier|change|changer|ajoute|ajouter|note|noter)(?: ${OBJECT})?(?: ${WHEN})*)`;
/** What the visitor will come back with ("je reviens vers vous demain avec mes questions", blind round 18; "avec quelques questions", "avec plus de précisions": review of round 18). */
const BRINGING = String.raw`avec (?:mes|d autres|de nouvelles|les|des|mon|ma|quelques|plus de|un peu plus de|encore des|toutes mes) (?:questions?|precisions?|infos?|details?|captures?(?: d ecran)?|resultats?|retours?|chiffres?|stats)`;
const COMING_BACK = String.raw`(?:je (?:reviens|reviendrai|repasse|repasserai)(?: vers (?:toi|vous))?(?: (?:${WHEN}|${BRINGING}))*|je (?:te|vous) (?:tiens|tiendrai) au courant|je (?:te|vous) (?:dis|dirai|redis)(?: quoi| ce qu il en est| ce que ca donne)?|bisous|bises)`;
/** The visitor likes the advice ("j'adore l'idée de la collab", "bonne idée") beside a thank-you (blind round 12). */
const LIKES_IT = String.raw`(?:(?:j adore|j aime (?:beaucoup|bien|trop)|je kiffe)(?: (?:l|ton|ta|votre|cette) (?:idee|astuce|conseil)(?: (?:de|du|des|d) (?:(?:la|le|l|les) )?[a-z]+)?| ca)?|(?:quelle |tres |super |excellente |trop )?bonne idee)`;
/** The advice was new to the visitor ("j'avais jamais pensé à ça", blind round 14): said beside a thank-you, it asks nothing. */
const NEVER_THOUGHT_OF_IT = String.raw`(?:je n y avais|j y avais|je n avais|j avais) (?:jamais|pas|pas du tout|meme pas) pense(?: a (?:ca|cela))?`;
/** Praise of the expert beside a thank-you ("merci bcp Carole tu gères", "t'es la meilleure", blind round 15). */
const PRAISE = String.raw`(?:(?:tu|vous) (?:geres|gerez|assures|assurez|es (?:trop )?(?:top|geniale?|la meilleure|un amour|au top)|etes (?:trop )?(?:top|geniales?|les meilleures|au top))|t es (?:trop )?(?:top|geniale?|la meilleure|au top))`;
/**
 * Good news of the visitor's own results beside a thank-you ("ma première vente est tombée ce matin, merci pour le
 * conseil", blind round 15): it asks nothing.
 */
const GOOD_NEWS = String.raw`(?:(?:ma|mon|mes) (?:premiere?s?|1ere?s?|nouvelles?|nouveaux?) [a-z]+ (?:est|sont) (?:tombee?s?|arrivee?s?)|j ai (?:eu|fait|signe|vendu|decroche) (?:ma|mon|mes|[0-9]+) (?:premiere?s? )?[a-z]+)(?: ${WHEN})*`;
/** That the advice helps, beside a thank-you ("top merci ça m'aide bcp", blind round 20): it asks nothing. */
const IT_HELPS = String.raw`(?:ca|cela|ceci) m (?:aide|aidera|a (?:bien |beaucoup |vraiment )?aidee?)(?: (?:beaucoup|bcp|enormement|vraiment|trop|grave|a fond))?`;
/** Words that join or open the parts of small talk ("bonne soirée et encore merci", "bon ben merci", "à vous autres"). */
const LINKS = String.raw`(?:et|puis|bon|ben|bah|eh bien|alors|allez|aller|bref|franchement|vraiment|a vous autres|ah|oh|aah|ohh|ahh)`;
/** Words that may surround the small talk itself ("merci beaucoup pour ton aide", "super merci !"). */
const FILLER = String.raw`(?:${SOLVED}|${NEXT_STEP}|${LIKES_IT}|${PRAISE}|${GOOD_NEWS}|${LINKS}|beaucoup|bcp|infiniment|mille fois|encore|quand meme|tout de meme|malgre tout|a toi|a vous(?: deux| toutes| tous| toutes les deux| tous les deux)?|a (?:toutes|tous)(?: les deux)?|${IT_HELPS}|pour (?:ton|tes|votre|ta|vos|cette|ces|la|le|les|l) (?:aide|reponses?|conseils?|infos?|informations?|explications?|retour|astuces?|idees?|pistes?)(?: (?:de|du|des|d|sur|pour) (?:(?:la|le|l|les|mes|ma|mon) )?[a-z]+(?: off| en ligne| de vente| d inscription)?)?|${NEVER_THOUGHT_OF_IT}|pour tout|c (?:(?:etait|est) )?(?:(?:tres|trop|super|hyper|vraiment|bien) )?(?:top|super|parfait|genial|gentil|utile|clair|limpide|precis|interessant|note|tout)|(?:tres |trop )?(?:top|super|parfait|genial|cool|nickel|au top|bien|excellent|impeccable)|ok|okay|d accord|ca marche|oui|so much|a lot|very much|for (?:your|the) help|great|perfect|awesome|(?:audrey|carole)|madame|les|tout le monde|a (?:toute )?l (?:equipe|agence)|a toute votre equipe)`;
/** "re", "re-bonjour": hello again (blind round 21: "re-bonjour" got the clarifying question). */
const GREETING = String.raw`(?:re(?: (?:bonjour|bonsoir|coucou|salut|hello))?|rebonjour|rebonsoir|bonjour|bonsoir|salut|slt|coucou|hello|hi|hey|yo|bjr|allo|bonjour a (?:toi|vous|tous)|good (?:morning|afternoon|evening))`;
const THANKS = String.raw`(?:merci|mercii+|mrc|thanks|thank you|thx|ty|je te remercie|je vous remercie)`;
/**
 * Good things wished for what comes ("Bonne année 2027 !! Plein de belles choses à vous", blind round 18): a goodbye's wish,
 * as a holiday's is. Only wishes: "plein de belles choses à raconter sur mes stories" names something else and is a message,
 * and "le meilleur" alone may answer a choice ("le moins cher ou le meilleur ?"): it wishes only "pour toi / pour la suite".
 */
const GOOD_THINGS_WISHED = String.raw`(?:je (?:te|vous) souhaite )?(?:(?:plein|pleins|beaucoup) de (?:belles choses|bonnes choses|bonheur|reussite|succes)|que du bonheur|tout le meilleur|le meilleur(?= (?:a|pour) (?:toi|vous|la suite)))(?: (?:a|pour) (?:toi|vous|vous deux|toute l equipe|l equipe|la suite))?(?: (?:pour|en) (?:20[0-9]{2}|cette annee|cette nouvelle annee|l annee qui vient|la suite))?`;
/** A season's or a holiday's wishes ("Joyeux Noël à toute l'équipe", "bonnes vacances", blind round 17): a goodbye, wished back. */
const HOLIDAY_WISHES = String.raw`(?:joyeux noel|joyeuses fetes|(?:tres )?(?:bonnes|belles) fetes(?: de fin d annee)?|(?:tres )?(?:bonne|belle) fin d annee|bon reveillon|(?:tres )?(?:bonne|belle|heureuse) annee(?: 20[0-9]{2})?|meilleurs voeux(?: pour 20[0-9]{2})?|${GOOD_THINGS_WISHED}|(?:tres )?bonnes vacances|(?:tres )?bon ete|joyeuses paques)`;
/**
 * Taking one's leave (blind round 21: "je vous laisse, ma cliente arrive" was answered from the knowledge base): "je vous
 * laisse", "je dois filer", "je me sauve", with what calls the visitor away (a client, a session). Not what one leaves the
 * agency ("je vous laisse mon numéro": the rest of the message is then no goodbye).
 */
const LEAVING = String.raw`(?:je (?:te|vous) laisse|je (?:dois|vais) (?:y aller|filer|te laisser|vous laisser|te quitter|vous quitter)|je file|j y vais|je me sauve)(?: (?:ma|mon) (?:prochaine? )?(?:cliente?|client|patiente?|patient|rdv|rendez vous|seance|consultation|visio) (?:arrive|est la|commence|m attend))?`;
const GOODBYE = String.raw`(?:${COMING_BACK}|${HOLIDAY_WISHES}|${LEAVING}|au revoir|a bientot|a plus|a\+|bonne (?:journee|soiree|fin de journee|semaine|continuation|nuit)|belle journee|bon (?:week end|weekend|we)|bye|goodbye|see you|ciao|tchao)`;

const onlyOf = (core: string): RegExp => new RegExp(String.raw`^ (?:(?:${FILLER}|${GREETING}) )*${core}(?: (?:${FILLER}|${THANKS}|${GOODBYE}))* $`);
const ONLY_THANKS = onlyOf(THANKS);
const ONLY_GOODBYE = onlyOf(GOODBYE);
/**
 * An acknowledgement said in more than one word ("ok ça marche", "d'accord, parfait", blind round 15): taken as thanks,
 * it asks nothing. A lone "ok" stays a reply to be read in context (the answer to a clarifying question), and so does
 * one with a yes ("ok oui", "d'accord oui": the answer to "Tu veux que je te détaille … ?", ACKNOWLEDGED_YES).
 */
const ACKNOWLEDGEMENT = String.raw`(?:ok|okay|oki|okok|d accord|dac|ca marche|ca roule|entendu|parfait|nickel|tres bien|trop bien|super|top|trop top|cool|trop cool|genial|excellent|impeccable)`;
/** It may open with an interjection ("ah d'accord c'est plus clair", blind round 18); "ah ok" alone stays a reply in context. */
const ONLY_ACKNOWLEDGEMENT = new RegExp(String.raw`^ (?:(?:ah|oh|aah|ohh|ahh|ha|bon|ben|bah|eh bien|alors) )?${ACKNOWLEDGEMENT}(?: (?:${ACKNOWLEDGEMENT}|${FILLER}))+ $`);
const ACKNOWLEDGED_YES = / oui /;
/**
 * A newcomer says so beside a greeting ("Bonsoir, je découvre le site", "Bonjour, je suis nouvelle ici", "je viens de rejoindre
 * l'accompagnement", blind round 14): it asks nothing yet.
 */
const NEWCOMER = String.raw`(?:je (?:decouvre|viens de decouvrir|viens d arriver sur|arrive sur)(?: (?:le|ce|votre|ton|ta|l) (?:site|chat|page|compte|agence|espace)| tout ca| tout| un peu)?|je viens (?:juste )?de m inscrire|je suis nouvelle?(?: ici| (?:dans|sur) (?:le|la|l|ce|cette|votre) [a-z]+)?|je viens de (?:rejoindre|m inscrire (?:a|au|dans)|commencer) (?:le|la|l|ce|cette|votre|ton|ta) [a-z]+|(?:c est )?(?:ma )?premiere fois ici|(?:ravie?|contente?|heureuse|heureux) d etre (?:la|ici|parmi vous))`;
/** A visitor back after a while says so beside a hello ("Bonjour, je reviens vers vous", "bonjour je repasse"): a hello, not a goodbye. */
const RETURNING = String.raw`(?:(?:me |re )?(?:voila|voici)|c est (?:encore )?moi|je (?:reviens|repasse)(?: vers (?:toi|vous))?(?: (?:encore|par ici|ici))?)`;
const WELL_WISHES = String.raw`(?:j espere que (?:tu vas bien|vous allez bien|tu vas bien|tout va bien|ta journee se passe bien|votre journee se passe bien)|(?:une )?(?:bonne|belle|tres bonne|tres belle) (?:journee|soiree|semaine|fin de journee)(?: a (?:toi|vous|tous|toutes))?)`;
/** A hello passed on by the visitor named in the third person ('Huguette de Liège vous dit bonjour', blind round 13). */
const PASSED_ON_GREETING = String.raw`(?:[a-z]+ (?:de |d )?[a-z]+ |[a-z]+ )?(?:vous|te) (?:dit|passe) (?:le )?(?:bonjour|bonsoir|coucou|salut)`;
/** Who a hello is addressed to, beside the experts' names ("Coucou les filles !", blind round 16). */
const ADDRESSED_TO = String.raw`(?:a vous deux|les cheries|mes cheries|les pros|les filles|les copines|les amies|les girls|mesdames|la team|les expertes|vous deux|a toutes|a tous|toutes|everyone|ladies)`;
const ONLY_GREETING = new RegExp(String.raw`^ (?:${GREETING}|${PASSED_ON_GREETING})(?: (?:${GREETING}|${NEWCOMER}|${RETURNING}|${WELL_WISHES}|et|audrey|carole|a toi|a vous(?: autres)?|tout le monde|${ADDRESSED_TO}|ca va|comment ca va|comment allez vous|comment vas tu|vous allez bien|tu vas bien|aujourd hui|ce matin|ce soir|en ce moment))* $`);

/**
 * Laughter or delight with nothing asked ("Haha j'adore 😂", blind round 16), and an apology for asking a lot ("Désolée pour
 * toutes mes questions aujourd'hui 🙈"): taken as thanks, they ask nothing. "J'adore ton idée de Reel sur la méditation"
 * names a topic and stays a message to answer; "haha oui" is a yes, read in context as "ok oui" is (ACKNOWLEDGED_YES).
 */
const LAUGH = String.raw`(?:a?(?:ha)+h?|hi(?:hi)+|he(?:he)+|mdr+|ptdr+|lol|xd)`;
const DELIGHT = String.raw`(?:${LAUGH}|${LIKES_IT}|trop drole|(?:c est|c etait) (?:trop |tellement )?(?:drole|marrant|genial|top|fou))`;
const ONLY_DELIGHT = new RegExp(String.raw`^ (?:${LINKS} )*${DELIGHT}(?: (?:${DELIGHT}|${FILLER}|${THANKS}|${GOODBYE}))* $`);
const APOLOGY = String.raw`(?:desolee?|pardon|dsl|excuse(?:z)? moi|(?:toutes mes|mille) excuses) (?:pour|de|d)(?: toutes| tous)? (?:mes|ces|les|autant de|tant de|toutes ces) (?:questions|messages|relances)(?: (?:aujourd hui|ce soir|ce matin|du jour))?`;
/**
 * A message sent by mistake, apologised for ("Pardon j'ai appuyé trop vite sur envoyer", blind round 17): nothing asked yet.
 * Only the message, or the key that sends it, is what went too fast: an order, a payment or a newsletter validated too fast
 * ("pardon j'ai validé ma commande trop vite", "dsl j'ai cliqué sur acheter par erreur", review of round 17) is a question.
 */
const SENDING = String.raw`(?: (?:sur )?(?:envoyer|entree|le bouton(?: envoyer)?|mon message|le message|ce message|mon msg))`;
const MIS_SENT = String.raw`(?:(?:pardon|desolee?|dsl|oups|oops|excuse(?:z)? moi) )+(?:(?:j ai |je suis )?(?:appuye|envoye|clique|valide|tape|parti|partie)${SENDING}?|(?:mon |le |ce )?(?:message|msg) (?:est )?(?:parti|envoye))(?: (?:trop vite|trop tot|par erreur|sans faire expres|avant d avoir (?:fini|termine)))${SENDING}?`;
/**
 * A message sent to the wrong tab or conversation, or to be ignored ("Oups mauvais onglet, ignore mon message", blind round
 * 18): nothing asked. Only the message itself is to be ignored: "ignore mon message d'avant, comment je relie Stripe ?" asks.
 */
const IGNORE_IT = String.raw`(?:ignore|ignorez|oublie|oubliez|ne (?:tiens|tenez) pas compte (?:de|du|des))(?: (?:mon|ce|le|mes|ces|les))? (?:dernier )?(?:message|messages|msg)(?: (?:precedent|d avant|d au dessus))?`;
const WRONG_PLACE = String.raw`(?:(?:je me suis )?trompee? de (?:conversation|fenetre|onglet|chat|destinataire|personne)|(?:mauvais|mauvaise) (?:onglet|fenetre|conversation|discussion|chat|destinataire|personne)|(?:ce|mon|le) (?:message|msg) n etait pas pour (?:toi|vous)|(?:ce|mon|le) (?:message|msg) ne (?:vous|t) etait pas destinee?|(?:ce|mon|le) (?:message|msg) n etait pas destinee? a (?:toi|vous)|pas (?:la bonne|le bon) (?:conversation|fenetre|onglet|chat|discussion))`;
/**
 * Said around it (review of round 18): an apology after ("oups pas la bonne conversation, désolée", "wrong tab sorry"), a bare
 * "oubliez" after the wrong place ("désolée mauvaise fenêtre, oubliez"), and whom
 * it was meant for ("mauvais onglet, je voulais envoyer ça à ma cliente", "c'était pour mon mari"). Only after the wrong place
 * or the message to ignore: "je voulais envoyer ça à ma cliente" alone may ask how.
 */
const MEANT_FOR = String.raw`(?:je voulais (?:l |le |ca )?(?:envoyer|ecrire|transferer)(?: ca)?|c etait|il etait|ca etait|c est|it was) (?:pour|a|for) (?:mon|ma|mes|une|un|my|someone|quelqu un)(?: [a-z]+)?`;
const SORRY_AFTER = String.raw`(?:desolee?|dsl|pardon|sorry|oups|oops|excuse(?:z)? moi)`;
const WRONG_PLACE_IN_ENGLISH = String.raw`(?:wrong (?:tab|chat|conversation|window|person|thread)|(?:this|that) (?:message|msg) was(?: not|n t) for you|ignore (?:my|this|that) (?:last )?(?:message|msg))`;
const SENT_TO_THE_WRONG_PLACE = String.raw`(?:(?:pardon|desolee?|dsl|oups|oops|sorry|excuse(?:z)? moi) )*(?:${WRONG_PLACE}(?: ${IGNORE_IT}| (?:oublie|oubliez|ignore|ignorez)(?: (?:le|ca))?)?|${IGNORE_IT}|${WRONG_PLACE_IN_ENGLISH})(?: ${MEANT_FOR})?(?: ${SORRY_AFTER})*`;
const ONLY_APOLOGY = new RegExp(String.raw`^ (?:(?:${GREETING}|${LINKS}) )*(?:${APOLOGY}|${MIS_SENT}|${SENT_TO_THE_WRONG_PLACE})(?: (?:${FILLER}|${THANKS}|${GOODBYE}))* $`);
const ONLY_WRONG_PLACE = new RegExp(String.raw`^ (?:(?:${GREETING}|${LINKS}) )*${SENT_TO_THE_WRONG_PLACE}(?: (?:${FILLER}|${THANKS}|${GOODBYE}))* $`);
/** An apology's reply says it is no trouble rather than "Avec plaisir". */
const APOLOGISES = /^ (?:(?:bonjour|salut|coucou|hello|oh|ah|bon) )*(?:desolee?|pardon|dsl|oups|oops|excuse(?:z)? moi|toutes mes excuses|mille excuses)\b/;

/** What small talk `message` is, when that is all it is. */
export function smallTalkOf(message: string): SmallTalk | null {
  const text = spacedFoldedWords(message);
  if (text.trim() === '') return null;
  if (ONLY_GREETING.test(text)) return 'greeting';
  // A thank-you or goodbye that asks something ("Merci, c'est tout ?") is a question.
  if (message.includes('?')) return null;
  if (ONLY_THANKS.test(text)) return 'thanks';
  if (ONLY_GOODBYE.test(text)) return 'goodbye';
  if (ONLY_ACKNOWLEDGEMENT.test(text) && !ACKNOWLEDGED_YES.test(text)) return 'thanks';
  if ((ONLY_DELIGHT.test(text) && !ACKNOWLEDGED_YES.test(text)) || ONLY_APOLOGY.test(text)) return 'thanks';
  return null;
}

const replies: Record<SmallTalk, Record<AgentName, string>> = {
  greeting: {
    audrey:
      "Bonjour ! Je suis Audrey, l'assistante virtuelle de l'agence pour l'automatisation, les emails, les tunnels de vente et tes outils " +
      "en ligne ; Carole s'occupe d'Instagram, du contenu et du visuel. Sur quoi est-ce que tu travailles en ce moment ?",
    carole:
      "Coucou ! ✨ Moi c'est Carole, l'assistante virtuelle de l'agence pour Instagram, les Reels, les légendes et ton identité visuelle 💡 " +
      "Pour l'automatisation, les emails et les tunnels de vente, c'est Audrey. Dis-moi sur quoi tu travailles !",
  },
  thanks: {
    audrey: "Avec plaisir ! Si une autre question te vient sur tes automatisations, tes emails ou tes tunnels de vente, je suis là.",
    carole: 'Avec plaisir ✨ Si une autre question te vient sur tes Reels, tes posts ou ton visuel, je suis là 💡',
  },
  goodbye: {
    audrey: 'Belle journée à toi ! Je reste là si une autre question te vient.',
    carole: 'À bientôt ✨ Belle journée à toi, et je reste là si une autre question te vient 💡',
  },
};

/** The part of the day or week a goodbye wishes ("bonne soirée", "bon week-end"), to wish it back rather than a day. */
const WISHED_BACK: ReadonlyArray<[RegExp, string]> = [
  [/\bbonne fin de journee\b/, 'Bonne fin de journée'],
  [/\bbonne soiree\b|\bbonsoir\b/, 'Bonne soirée'],
  [/\bbonne nuit\b/, 'Bonne nuit'],
  [/\bbon (?:week end|weekend|we)\b/, 'Bon week-end'],
  [/\bbonne semaine\b/, 'Bonne semaine'],
  [/\bjoyeux noel\b/, 'Joyeux Noël'],
  [/\b(?:joyeuses|bonnes|belles) fetes\b/, 'Belles fêtes'],
  [/\b(?:bonne|belle) fin d annee\b/, "Belle fin d'année"],
  [/\bbon reveillon\b/, 'Bon réveillon'],
  [/\b(?:bonne|belle|heureuse) annee\b|\bmeilleurs voeux\b/, 'Bonne année'],
  [/\bbonnes vacances\b/, 'Bonnes vacances'],
  [/\bbon ete\b/, 'Bel été'],
  [/\bjoyeuses paques\b/, 'Joyeuses Pâques'],
];

/**
 * The reply to small talk, in `agent`'s voice. A goodbye that wishes an evening, a night, a
 * week-end or a week gets the same wish back (blind round 12: "Bonne soirée" was answered
 * "Belle journée").
 */
export function smallTalkReply(kind: SmallTalk, agent: AgentName, message = ''): string {
  const reply = replies[kind][agent];
  const text = spacedFoldedWords(message);
  if (kind === 'thanks' && (APOLOGISES.test(text) || ONLY_WRONG_PLACE.test(text))) return reply.replace(/^Avec plaisir/, 'Pas de souci');
  if (kind !== 'goodbye') return reply;
  const wish = WISHED_BACK.find(([pattern]) => pattern.test(text))?.[1];
  return wish === undefined ? reply : reply.replace('Belle journée', wish);
}
