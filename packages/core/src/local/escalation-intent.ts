import { ABOUT_THE_CHAT, AN_ACCOUNT_PROBLEM_TO_AVOID, ASKS_ONLY_HOW_DATA_IS_KEPT, AUDIENCE_IS_THE_SUBJECT, CLIENT_IS_THE_SUBJECT, HOW_TO, HOW_TO_ABOUT_ANYONE, OWN_BUSINESS, POLICY_QUESTION, SOMEONE_ELSES_CLIENTS, WAITING_ON_SOMEONE_ELSE, QUOTE_FROM_A_SUPPLIER, WANTS, FED_UP_WITH_A_CHORE, UNHAPPY_WITH_OWN_RESULTS, SOMEONE_ELSE_HOLDS_MY_MONEY, A_PLATFORMS_FEATURE, THE_VISITOR_REFUNDS_SOMEONE, THE_VISITOR_WANTS_THEIR_MONEY_BACK, THE_AGENCYS_OFFER_GIVEN_TO_THE_VISITOR, A_RECEIVED_MESSAGE_IS_A_SCAM, gap, re, type EscalationIntent, type IntentRule } from './escalation-patterns.ts';
import { AGENCY_REQUEST_RULES } from './escalation-agency-requests.ts';
import { FIRM_REQUEST_RULES } from './escalation-firm-requests.ts';
import { INDIRECT_REQUEST_RULES } from './escalation-indirect-requests.ts';
import { AGENCY_DEALING_RULES } from './escalation-dealings-with-the-agency.ts';
import { OUT_OF_SCOPE_RULES } from './escalation-out-of-scope.ts';
import { REFUND_AND_IMPERSONATION_RULES, withoutTheQuotedAddress } from './escalation-refunds-and-impersonation.ts';
import { SITUATIONS_NEEDING_A_PERSON_RULES } from './escalation-situations-needing-a-person.ts';
import { urgentHelpOf } from '../agents/urgent-help.ts';
import { mostPressingCategory } from '../capabilities/route-decision.ts';
import { asksWhatTheChatIs } from '../agents/assistant-identity.ts';
import { problemWithTheAgency } from './escalation-signals.ts';
import { HUMAN_REQUEST } from './human-request-patterns.ts';
import { namedPersonRequested } from './named-person-request.ts';
import { ventsBesideOwnHowTo } from './venting-beside-a-how-to.ts';
import { plainIntentText } from './plain-intent-text.ts';

/**
 * When a person must take over, read from what the visitor wants (intent), not from the words
 * they use. A how-to question that merely mentions invoices, payments, prices or accounts
 * ("Comment générer automatiquement une facture quand un paiement Stripe passe ?") is answered;
 * a visitor who asks for a person, a refund, has a billing or account problem, asks for their
 * personal data or its erasure, complains or threatens legal action is escalated, in French or
 * English.
 *
 * Patterns run on a plain form of the message: lowercase, accents folded, every apostrophe and
 * punctuation mark turned into one space ("J'veux être remboursée !" → "j veux etre remboursee"),
 * a few common misspellings and SMS forms mended (plain-intent-text.ts). Each category is a set of
 * intent patterns (a request, a problem, a demand), some vetoed when the message is about the
 * visitor's own business ("mes clientes", "mon tunnel", a tool to configure) rather than their
 * relation with the agency.
 */
export type { EscalationIntent } from './escalation-patterns.ts';
export { plainIntentText } from './plain-intent-text.ts';

/** Payment tools: "le paiement n'est pas passé sur Kajabi" is about the visitor's checkout. */
const PAYMENT_TOOLS = `(?:stripe|paypal|kajabi|systeme io|sumup|shopify|woocommerce|podia|learnybox|gocardless|mollie)`;
/** A payment that did not go through. */
const PAYMENT_FAILED = `(?:a echoue|echoue|a ete rejete|rejete|a ete refuse|refuse|n est pas passe|pas passe|failed|bounced|was declined|declined)\\w*`;
/** Did not receive (the agency's emails, links…). */
const NOT_RECEIVED = `(?:(?:ne )?recois (?:plus|pas|rien|jamais)|(?:n ai|ai) (?:jamais|pas|toujours pas|rien) recu|jamais recu|pas recu|(?:don t|do not|never|didn t) (?:get|receive|got|received))`;

/**
 * A session the visitor attends, with a link that does not work or that never came: "ma séance",
 * "la visio", "l'atelier de ce soir", "la masterclass". The visitor's own events are theirs ("mon
 * webinaire", "mon atelier", "mon live": no "mon"/"ma" before an event), and their sessions with
 * their clients name those clients, or a tool, or ask how to do it; each vetoes (SESSION_VETO).
 */
const SESSION = `(?:(?:ma|mon|mes|la|le|l|les|des|notre|nos|votre|vos|cette|ce) (?:seances?|visios?|rendez vous|rdv|appel|session)|(?:la|le|l|les|des|notre|nos|votre|vos|cette|ce) (?:ateliers?|masterclass|webinaires?|live|lives))`;
const SESSION_VETO = re(
  `\\b(?:${SOMEONE_ELSES_CLIENTS}|instagram|insta|facebook|youtube|tiktok|linkedin|systeme io|kajabi|podia|livestorm|calendly|(?<!lien )google (?:agenda|meet|calendar)|(?:sur|dans|avec) (?:zoom|teams|meet)|(?:mon|ma) (?:site|page|offre|tunnel|compte)|parametr\\w*|configur\\w*|comment)\\b`,
);

/**
 * A complaint to the CNIL, threatened or made, by the visitor or against them ("une abonnée m'a répondu qu'elle allait me
 * signaler à la CNIL … est-ce que je risque quelque chose légalement ?", blind round 15): a dispute, legal, not a request
 * about the visitor's personal data (whose reply speaks of their own data).
 */
const CNIL_COMPLAINT = `(?:signaler|signale|signalee?|denoncer|denonce|plainte|porter plainte|saisir|saisis|saisi|saisie|saisit)${gap(4)} (?:a la |aupres de la |la )?cnil`;

/** Before a verb: a charge to come, wished or feared ("je vais pas payer deux fois la même personne ?", "je ne veux pas être
 * prélevée deux fois", blind round 13); "j'ai payé deux fois", "on m'a facturé deux fois" are still double charges. */
const NOT_YET_DONE = `(?<!\\b(?:vais|va|vas|veux|veut|voudrais|dois|doit|faut|faudrait|risque de|eviter de|pas|jamais|pour|etre) )`;

/**
 * The client named is the visitor ("je suis une ancienne cliente mécontente", "je me sens une cliente mécontente", "vous avez une
 * cliente mécontente : moi"), or unhappy with the agency ("… mécontente de votre accompagnement", "… chez vous").
 */
const NOT_THE_VISITOR = `(?<!\\b(?:je suis|j etais|suis|etant|en tant que|en tant qu|i am|i m|je me sens|sens vraiment|sens comme|vous avez|vous allez avoir|vous perdez) )`;
const NOT_WITH_THE_AGENCY = `(?! (?:de|du|des|par|envers|avec|contre|with|about|of) (?:votre|vos|vous|l agence|ton|ta|tes|toi|your|you)|(?: de| d)? chez vous|(?: (?:oui|c est|voila|ben|eh bien))* moi(?![a-z]))`;
/** A word between the determiner and the visitor's client in a complaint's veto: "une ancienne cliente mécontente laisse des
 * commentaires sous mes posts" (blind round 16) is the visitor's own client, unhappy with the visitor, as "une cliente mécontente" is. */
const FORMER_OR_OTHER = `(?: (?:ancienne?s?|anciens|ex|nouvelle?s?|nouveaux?|nouvel|autres?|futures?|futurs?|premieres?|premiers?|former|new|old|other))?`;

const RULES: readonly IntentRule[] = [
  // Personal data: access, copy, erasure of what the agency holds about the visitor.
  {
    category: 'personal_data',
    pattern: re(
      `\\b(?:mes (?:donnees|informations|infos|coordonnees)(?: personnelles)?|(?:donnees|informations?|infos?) (?:personnelles|me concernant|sur moi|a mon sujet|que vous (?:avez|detenez|conservez|gardez|stockez))|(?:vous avez|vous detenez|vous gardez|vous conservez)${gap(3)} (?:sur moi|me concernant|a mon sujet)|(?:(?:supprim|retir|effac|enlev)(?:er|ez)|remove|delete)${gap(2)} (?:mon adresse|mon e ?mail|mes coordonnees|my e ?mail|my address|me)${gap(3)} (?:de vos|de votre|from your)|ne plus (?:m envoyer|me contacter|me solliciter)|droit (?:a l oubli|d acces|de rectification|d effacement|a l effacement)|(?:supprimer|effacer|fermer|clore|delete|close|remove) (?:mon|my) (?:compte|account)|(?:my|personal) (?:data|information|info)\\b|(?:data|information|info) (?:you (?:have|hold|keep|store)|about me|on me)|(?:everything|all|what) you (?:have|hold|keep|know) (?:on|about) me|(?:desabonner|desinscrire|unsubscribe)${gap(2)} (?:de|from) (?:\\S+ )?(?:vos|votre|your)|cnil)`,
    ),
    // Another business's data ("mes données de clientes"), or a question that only asks how the
    // agency keeps data (escalation-patterns.ts): answered from the knowledge base. A complaint to the
    // CNIL, threatened or made, is a dispute: the legal rule's (CNIL_COMPLAINT), unless the visitor
    // asks about their own data beside it ("supprimez mes données ou je saisis la CNIL").
    unless: new RegExp(`\\b(?:mes (?:donnees|informations) (?:de|d) (?:mes )?(?:clientes?|clients?|abonne\\w*))\\b|${ASKS_ONLY_HOW_DATA_IS_KEPT.source}|^(?!.*\\b(?:mes|my) (?:donnees|informations|infos|coordonnees|data)\\b).*\\b${CNIL_COMPLAINT}`),
  },
  {
    category: 'personal_data',
    pattern: re(`\\b(?:rgpd|gdpr)\\b`),
    unless: re(`\\b(?:conforme|conformite|formulaire|newsletter|site|cookies?|consentement|mentions|case a cocher|liste|abonne\\w*|compliant|form|comment|how)\\b`),
  },
  // Legal threats.
  {
    category: 'legal',
    pattern: re(
      `\\b(?:avocat|avocate|mise en demeure|poursuites|(?:un|au|d un|en|des) proces|(?:je|on|j) (?:risque|risquerais|risques?)${gap(2)} (?:des poursuites|une plainte|une amende|(?:un|des) proces)|(?:ai je|j ai|est ce que j ai|a t on|on a|j aurais|aurais je) le droit (?:de |d )?(?:(?:l |la |le |les |lui |leur )(?:obliger|forcer|contraindre|interdire|empecher|faire retirer)|(?:obliger|forcer|contraindre|interdire a|empecher|faire retirer a) (?:mon |ma |mes |cette |ce |une |un |son |sa |ses |l )?(?:ex\\w*|ancien\\w*|associe\\w*|cliente?s?|prestataires?|concurrente?s?|salariee?s?|stagiaires?|assistante?s?|freelances?|copieuse|copieur|plagieu\\w*))${gap(4)} (?:a |de |d )?(?:(?:les |la |le |l |me |nous )?(?:retirer|supprimer|enlever|effacer|rembourser|payer|cesser|arreter (?:d utiliser|de copier|de publier mes|de diffuser)|copier|reprendre|plagier|reutiliser|(?:utiliser|publier|diffuser|montrer|vendre) (?:mes|nos|ma|mon|notre))|respecter|signer)|${CNIL_COMPLAINT}|(?:je|j) (?:risque|risquerais|risques?)${gap(2)} (?:legalement|juridiquement|penalement)|poursuivre en justice|vous poursuivre|attaquer en justice|en justice|tribunal|huissier|action en justice|porter plainte|plainte contre|juridique|(?:saisir|saisis|saisi|saisirai|contacte\\w*|ecri\\w* a|signaler a|signale a|prevenir|porter (?:l affaire|ca) devant) (?:la |l |le )?(?:dgccrf|association de consommateurs|ufc que choisir|ufc|signal ?conso|mediateur de la consommation|conciliateur)|(?:vos|votre) (?:conditions(?: de vente)?|clauses?|contrat|cgv)${gap(3)} (?:sont |est )?(?:abusives?|illegales?|abusifs?)|lawyer|attorney|sue you|suing|lawsuit|legal action|(?:take|taking|see|bring) (?:you|them|this|it)? ?(?:to|in) court|court case)\\b`,
    ),
    // The visitor's profession in a marketing question ("des lives Instagram quand on est avocate"),
    // not a threat nor a lawyer acting for someone ("je suis avocate et je représente une de vos clientes").
    unless: new RegExp(
      `^(?=.*(?:(?:\\b(?:je suis|j suis|on est|quand on est|en tant qu|etant|cabinet d|ma cliente est|mon client est|d une|d un)|^) (?:une |un )?avocate?s?|\\b(?:mon|notre) cabinet juridique)\\b)(?=.*\\b(?:instagram|insta|lives?|reels?|posts?|newsletter|contenu|linkedin|tiktok|youtube|site|blog|clientele|prospects|tunnel|e ?mails?|mail|visibilite|communication|marketing|seo|logo|carrousels?|crm|calendly|acuity|rendez vous|automati\\w*|factures?|signature|palette|couleurs|ton|page|dossiers|relances)\\b)(?!.*\\b(?:mise en demeure|poursui\\w*|tribunal|plainte|justice|represente|au nom de|pour le compte|abusi\\w*|illegal\\w*|dgccrf|ufc|mediateur|conciliateur|vos cgv|vos conditions)\\b)`,
    ),
  },
  // Account problems: the visitor cannot get in.
  {
    category: 'account',
    pattern: re(
      `\\b(?:(?:impossible|n arrive (?:pas|plus)|arrive (?:pas|plus)|peux (?:pas|plus)|parviens pas|reussis pas)${gap(3)} (?:a |de )?(?:me connecter|connecter|acceder|me logger|ouvrir mon|recuperer mon|rentrer|entrer)|(?<!\\b(?:un|une|des) )(?:compte|acces|espace membre|connexion|identifiants?|mot de passe|formation)${gap(3)} (?:bloque|bloquee|desactive|desactivee|suspendu|suspendue|pirate|piratee|hacke|expire|expiree|refuse|refusee|ne marche (?:pas|plus)|marche (?:pas|plus)|ne fonctionne (?:pas|plus)|fonctionne (?:pas|plus)|invalide|incorrect)|(?:plus|pas|aucun) (?:d )?acces (?:a|au|aux)|perdu (?:mon |l )?acces|(?:jamais|pas) eu (?:d )?acces|never (?:got|had|received) access|jamais recu${gap(3)} (?:acces|identifiants|mot de passe|lien)|(?:recu|eu|obtenu) (?:aucun|aucune|pas d|pas mon|pas mes|pas les|pas le) ?(?:acces|identifiants?|lien d acces|codes? d acces)|(?:can t|cant|cannot|can not|unable to) (?:log ?in|login|sign in|access|get in)|locked out|lost (?:my )?access|no access to|account${gap(2)} (?:blocked|locked|suspended|hacked|disabled)|password (?:doesn t|does not|isn t|won t) work)\\b`,
    ),
    // A platform's account ("mon compte Instagram est bloqué") is the visitor's own tool, not the agency's; so are a social
    // account's type and its features ("pas accès à toutes les musiques sur mon compte pro", blind round 17). An account's
    // blocking to be avoided is a how-to's condition, not a problem ("comment supprimer les faux abonnés sans que mon compte
    // soit bloqué", blind round 19).
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${A_PLATFORMS_FEATURE}|${AN_ACCOUNT_PROBLEM_TO_AVOID}|(?:mes|ses|leurs|my|their) (?:students?|customers?|members?)|instagram|insta|facebook|tiktok|linkedin|youtube|pinterest|canva|gmail|google|zapier|make|brevo|mailerlite|stripe|paypal|calendly|wordpress|systeme io)\\b`),
  },
  // Billing: refunds, charges, failed payments of the visitor's own purchase, cancellations.
  {
    category: 'billing',
    pattern: re(
      `\\b(?:${WANTS}${gap(4)} (?:rembours\\w*|refund\\w*|money back|mon argent)|me rembours\\w*|etre rembourse\\w*|me faire rembourser|remboursez moi|rembourse moi|rembourser moi|mon remboursement|un remboursement|refund me|my refund|a refund|money back|mon argent|rendre (?:mon|l) argent)`,
    ),
    unless: new RegExp(`${POLICY_QUESTION.source}|\\b(?:${WAITING_ON_SOMEONE_ELSE})\\b|${SOMEONE_ELSE_HOLDS_MY_MONEY}|${THE_VISITOR_REFUNDS_SOMEONE.source}`),
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:on|vous|ils) m (?:a|avez|ont) (?:preleve|debite|facture|pris|encaisse|compte)e?|(?:vous avez|on a|ils ont) (?:encaisse|preleve|debite|facture)${gap(3)} (?:deux|2) fois|j ai ete (?:preleve|debite|facture|surfacture)\\w*|${NOT_YET_DONE}(?:preleve|debite|facture|paye|payee|charged|billed)\\w* (?:deux|2|trois|3) fois|me suis faite? charger|(?:on|vous|ils) m (?:a|avez|ont) charge\\w*${gap(3)} (?:deux|2|trois|3) fois|(?:charged|billed|debited|paid|took|went through|processed|taken|came out)${gap(3)} (?:twice|double|two times)|(?:payment|charge|transaction)${gap(3)} (?:twice|two times)|(?:paiement|prelevement|debit|transaction)${gap(3)} (?:passe|pris|preleve|debite|effectue|encaisse|compte|fait)\\w* (?:deux|2) fois|double (?:paiement|prelevement|debit|charge|payment|billing)|(?:paiement|prelevement|debit|facturation|charge) en double|charged (?:me|twice|my)|been (?:charged|billed)|surfactur\\w*|prelevement (?:non|pas) (?:autorise|prevu|voulu)|(?:mon|ma|my) (?:paiement|carte|virement|prelevement|payment|card|transaction)${gap(3)} (?:refuse|refusee|echoue|rejete|bloque|declined|failed|rejected|ne passe pas|passe pas|pas passe)|(?:paiement|payment) (?:refuse|echoue|declined|failed)${gap(6)} (?:preleve|debite|charged|mais))`,
    ),
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:probleme|souci|erreur|bug|litige)${gap(2)} (?:de |d |sur |avec )?(?:ma |mon |la |le )?(?:facturation|paiement|prelevement|facture|abonnement|payment|billing)|(?:annuler|annulez|resilier|resiliez|arreter|arretez|stopper|stoppez|suspendre|suspendez|mettre en pause|mettre fin a|reporter|geler|cancel|stop|pause|end|freeze)${gap(1)} (?:mon|ma|mes|my|l|le|les|the) ?(?:abonnement|commande|inscription|accompagnement|achat|formation|programme|prelevements?|paiements?|coaching|contrat|adhesion|subscription|order|membership|plan|payments?|course)|resiliation|me desinscrire (?:du|de la|de l|de mon|de ma) (?:programme|formation|accompagnement|coaching|abonnement)|je conteste${gap(2)} (?:facture|prelevement|paiement|debit)|(?:facture|invoice)${gap(3)} (?:errone\\w*|fausse|faux|incorrecte?|wrong|incorrect)|erreur${gap(2)} (?:ma |la |sur ma |sur la )?facture|(?:pas|jamais) recu${gap(2)} (?:ma|mon|de) (?:facture|remboursement|commande)|(?:j attends|attends toujours|toujours (?:pas|rien) (?:recu|eu)|still waiting for|never (?:received|got)|haven t (?:received|got)|didn t (?:receive|get))${gap(2)} (?:ma |mon |mes |my |la |le |the |de |d |any |an )?(?:facture|remboursement|acces|commande|identifiants|invoice|refund|access|receipt)|(?:modifier|changer|corriger|refaire) (?:ma|la) facture)`,
    ),
    unless: re(`\\b(?:leur|leurs|their|mes clientes?|mes clients?|mes abonne\\w*|${WAITING_ON_SOMEONE_ELSE})\\b`),
  },
  // A discount or an arrangement for the visitor (not one they offer their clients).
  {
    category: 'billing',
    pattern: re(`\\b(?:${WANTS}${gap(3)} (?:une reduction|une remise|un geste commercial|un tarif reduit|a discount)|difficultes financieres|geste commercial|financial (?:difficulties|hardship))`),
    unless: re(`\\b(?:proposer|offrir|mes clientes?|mes clients|mes abonnee?s|black friday|my clients|offer)\\b`),
  },
  // Paying the agency's offer in instalments (not offering instalments to one's own clients).
  {
    category: 'billing',
    pattern: re(`\\b(?:payer|regler|pay)${gap(4)} (?:(?:en )?(?:plusieurs|[2-9]|deux|trois|quatre) (?:fois|mensualites|versements)|echelon\\w*|in installments?)`),
    unless: re(`\\b(?:proposer|offrir|mettre en place|configurer|activer|mon programme|ma formation|mon offre|mes clientes?|mes clients|pour mes|my clients|offer)\\b`),
  },
  // Complaints and anger about the agency.
  {
    category: 'complaint',
    pattern: re(
      `\\b(?:plainte|reclamation|arnaque|arnaquee?|escroquerie|escrocs?|voleurs?|scandale\\w*|inadmissible|inacceptable|honteu\\w*|lamentable|deplorable|pitoyable|mecontente?s?|mecontents|insatisfaite?s?|insatisfaits|pas (?:du tout )?satisfaite?|tres decue?|decue? (?:du|de votre|par votre|par le|de l) (?:service|accompagnement|formation|programme|equipe|agence)|ras le bol|j en ai marre|en colere|furieu\\w*|personne ne (?:me )?repond|personne ne m a (?:contacte|rappele|repondu|recontacte)e?|nobody${gap(1)} (?:has )?(?:contacted|called|answered|replied|got back)|aucune reponse (?:de|a|depuis|malgre)|toujours pas de reponse|sans (?:aucune )?reponse|(?:troisieme|3e|3eme|quatrieme) fois|je suis a bout|(?:c est|ce n est) pas serieux|je suis${gap(2)} decue?|rien ne (?:marche|fonctionne)|c est du vol|litige avec (?:vous|l agence|votre)|n importe quoi|j attends${gap(2)} reponse|not happy|unhappy|not satisfied|dissatisfied|complain\\w*|scam\\w*|rip ?off|disappointed|unacceptable|terrible service|worst service|angry|furious|fed up|nobody (?:answers|replies|responds|got back)|no (?:answer|reply|response) (?:from|since|for)|disgrace\\w*|ridiculous)\\b`,
    ),
    unless: re(
      `\\b(?:${NOT_THE_VISITOR}(?:une|un|mes|ma|des|les|my|a|cette|cet|ces)${FORMER_OR_OTHER} (?:cliente?s?|clients?|abonnee?s?|followers?|customers?|audience|communaute|patiente?s?|participante?s?|eleves?|lectrices?|acheteu\\w+|coachees?|inscrites?)${gap(3)} (?:mecontent|decu|en colere|furieu|insatisf|pas (?:du tout |tres )?satisf|plainte|reclam|complain|angry|disappointed|unhappy)\\w*(?![a-z0-9])${NOT_WITH_THE_AGENCY}|(?:repondre|gerer|traiter|respond|reply|handle|deal with)${gap(3)} (?:plainte|reclamation|avis negatif|critique|complaint|mecontent|angry|negative)|(?:reponses?|retours?|replies|reply|response) (?:de|d|from) (?:mon|ma|mes|my|leur|leurs|la|les) (?:audience|communaute|abonne\\w*|followers?|prospects?|clientes?|clients?|liste|lectrices?|list|subscribers?|customers?)|${FED_UP_WITH_A_CHORE})|${UNHAPPY_WITH_OWN_RESULTS}|${A_RECEIVED_MESSAGE_IS_A_SCAM.source}`,
    ),
  },
  // A person: to talk to someone of the team, to be called back.
  {
    category: 'human',
    pattern: re(
      `\\b(?:(?:parler|discuter|echanger|causer|joindre|contacter|avoir|voir|rencontrer)${gap(2)} (?:a |avec )?(?:quelqu un|une personne|un humain|une humaine|un etre humain|un conseiller|une conseillere|un membre de l equipe|un responsable|une responsable|la responsable|le responsable|la gerante|la fondatrice|a manager|the manager|the owner|l equipe|votre equipe|quelqu un de l equipe|une vraie personne|un vrai|une vraie|audrey en vrai|carole en vrai|la vraie|le support|le service client)|vraie personne|(?:passer|passes|passez|avoir|joindre|contacter|voir) quelqu un (?:de chez vous|de l equipe|de votre equipe)|quelqu un (?:de chez vous|de votre equipe) (?:pourrait|peut|puisse|pour|me|m)|quelqu un de l equipe (?:pourrait|peut|pour|me|m)|someone from (?:your|the) team (?:to|could|can)|personne reelle|pas (?:un|une) (?:robot|bot|ia|machine)|(?<!\\b(?:un|une|des|du|mon|ma|mes|son|sa|ses|leur|notre|nos|leurs) )(?:service|support) client|(?:me |m )?rappel(?:er|ez|le) (?:moi|svp|au|par|demain|ce|cet)|rappelez moi|me rappeler|(?:vous|on|quelqu un) m (?:appel|rappel)\\w*|(?:etre|me faire) (?:recontacte|rappele|contacte|appele)e?s?|me recontacter|m appeler|appelez moi|appelle moi|(?:appel|appeler|rappeler|joindre|(?<!\\b(?:mon|ma|mes|ton|son|un|leur|notre) )numero|discuter|parler|rdv|rendez vous)${gap(3)} (?:telephone|telephonique|tel)\\b|(?:quelqu un|une personne|someone|anyone) (?:de )?(?:disponible|available)|(?:parler|echanger|discuter)${gap(2)} (?:a |avec )?(?:audrey|carole) (?:directement|en vrai|en personne|elle meme|de vive voix)|(?:speak|talk|chat|meet)${gap(1)} (?:to |with )?(?:audrey|carole)${gap(1)} (?:in person|directly|personally|herself|for real|on the phone)|(?:need|want|get|reach) (?:to (?:talk to |speak to |speak with )?)?(?:a |an |some )?(?:human(?! design)|real person)|au bout du fil|(?:votre|vos|your) (?:numero|telephone|tel|phone|number)|(?:talk|speak|chat|get in touch)${gap(1)} (?:to|with) (?:a |an |some |the |your )?(?:human|person|someone|somebody|real|agent|representative|support|team|staff|manager|advisor)|real (?:person|human)|human being|actual (?:person|human)|not a (?:bot|robot)|call me|phone call|call (?:me )?back|customer (?:service|support)|contact (?:support|the team|someone|a person))`,
    ),
    unless: re(`\\b(?:parler a (?:ma|mes|mon|son|ses|leur) (?:communaute|audience|abonne\\w*|cible|clientes?|clients?))\\b|${HOW_TO_ABOUT_ANYONE}`),
  },
  // Wordings missed in a blind round: money back, a credit note, a dead access link, no more emails
  // from the agency, a verdict on the agency's service. (A forgotten password is answered: the
  // knowledge base says how to reset it.)
  {
    category: 'billing',
    pattern: re(`\\b(?:(?:recuperer|ravoir|revoir) (?:mon|l|notre) argent|${WANTS}${gap(2)} (?:un avoir|un bon d achat|un dedommagement)|dedommag\\w*)`),
    unless: re(`\\b(?:(?:mes|ses|leurs|my|their) (?:cliente?s?|clients?|abonnee?s?|eleves?|customers?)|${WAITING_ON_SOMEONE_ELSE})\\b`),
  },
  {
    category: 'account',
    pattern: re(
      `\\b(?:lien${gap(3)} (?:acceder|acces|connexion|formation|programme|espace membre|module|cours|replay)${gap(4)} (?:ne marche|marche pas|marche plus|ne fonctionne|fonctionne pas|fonctionne plus|invalide|expire|mort|casse|renvoie une erreur))`,
    ),
    unless: re(`\\b(?:(?:mes|ses|leurs|my|their) (?:cliente?s?|clients?|abonnee?s?|eleves?|customers?|students?)|instagram|insta|facebook|tiktok|linkedin|youtube|pinterest|canva|gmail|google|zapier|brevo|mailerlite|stripe|paypal|calendly|wordpress|bio|linktree)\\b`),
  },
  // A session's link that does not work, or never came (SESSION), unless it is the visitor's own.
  {
    category: 'account',
    pattern: re(
      `\\b(?:lien(?: zoom| visio| de connexion| google meet| meet| teams)?${gap(2)} (?:de |du |pour |a |au )?${SESSION}${gap(4)} (?:ne marche|marche pas|marche plus|ne fonctionne|fonctionne pas|fonctionne plus|ne s ouvre pas|invalide|expire)|${NOT_RECEIVED}${gap(2)} (?:le |mon |un |aucun |les |mes |de |d )?(?:liens?(?: zoom| visio)?|replays?|enregistrements?|invitation)${gap(1)} (?:de |du |pour |a |au |d )?${SESSION})`,
    ),
    unless: SESSION_VETO,
  },
  {
    category: 'personal_data',
    pattern: re(`\\b(?:(?:ne (?:veux|souhaite|voudrais) plus|arreter de|plus envie de) recevoir (?:vos|tes) (?:e ?mails?|mails?|newsletters?|messages|sms|relances|notifications)|(?:stop|arretez|cessez) (?:de m envoyer )?(?:vos|tes) (?:e ?mails?|mails?|relances|newsletters?|messages|sms))`),
  },
  {
    category: 'complaint',
    pattern: re(
      `\\b(?:votre|vos|ton|ta|tes|cet|cette) (?:service|accompagnement|formation|programme|agence|equipe|coaching|support)${gap(2)} (?:est |sont |etait |etaient |c est )?(?:nul|nuls|nulle|nulles|mauvais|mauvaise|mediocre|catastrophique|horrible|decevante?|une honte|une blague|pas a la hauteur|pas serieux)`,
    ),
  },
  // Round 3 of the blind rounds (and its review): a payment to the agency that failed, leaving a
  // contract, the agency's emails not arriving, a coach who did not come, a way to reach the team,
  // a quote. Each is vetoed when it reads as the visitor's own business.
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:mon|ma|my) (?:prelevement|paiement|virement|echeance|mensualite|versement|payment|direct debit)(?: \\S+){0,4} ${PAYMENT_FAILED}|(?:ma|my) banque${gap(2)} (?:a refuse|refuse|a rejete|rejete|a bloque|bloque)${gap(1)} (?:le |mon |ce |votre |the |my )?(?:paiement|prelevement|virement|echeance|debit|payment))`,
    ),
    unless: re(`\\b${SOMEONE_ELSES_CLIENTS}\\b`),
  },
  {
    category: 'billing',
    pattern: re(
      `\\b(?:(?:le|ce|cette|the) (?:prelevement|paiement|virement|echeance|mensualite|versement|payment|direct debit)(?: \\S+){0,4} ${PAYMENT_FAILED}|(?:rompre|casser|sortir de|interrompre|quitter|break|get out of)${gap(1)} (?:(?:mon|ma|le|la|l|cet|cette|my|the|votre) ?(?:contrat|contract)|(?:mon|cet|my|votre) (?:engagement|commitment) (?:de|of) (?:\\d+|un|une|deux|trois|six|douze) (?:mois|an|ans|months?|years?)))`,
    ),
    // "le paiement" also reads as any payment: not when it is a tool's, a client's, or what to tell one.
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${PAYMENT_TOOLS}|quoi dire|que dire|quels? (?:mails?|messages?|emails?|textes?))\\b`),
  },
  {
    category: 'account',
    pattern: re(
      `\\b(?:${NOT_RECEIVED}${gap(3)} (?:vos|votre|your) (?:e ?mails?|mails?|newsletters?|messages?|sms|confirmation|mail de confirmation|liens?|acces|identifiants|invitation|convocation)|${NOT_RECEIVED}${gap(2)} (?:les|des|aucun|aucune) (?:e ?mails?|mails?|newsletters?|messages?) (?:de l agence|de l equipe|de votre equipe|de votre part|de chez vous)|(?:rien|aucun \\w+|aucune \\w+) recu de (?:votre|ta) part|(?:vos|your) (?:e ?mails?|mails?|newsletters?|messages?)${gap(1)} (?:n arrivent (?:plus|pas|jamais)|(?:arrivent|tombent|finissent|vont) (?:dans|en) (?:mes |les )?(?:spams?|indesirables|promotions)|go to (?:my )?spam))`,
    ),
    unless: re(`\\b(?:(?:une|mes|des|les|ses) (?:abonnee?s?|cliente?s?|inscrite?s?|lectrices?|prospects?)|(?:elles|ils|on) me (?:disent|dit|ecrivent|ecrit)|configurer)\\b`),
  },
  {
    category: 'complaint',
    pattern: re(
      `\\b(?:(?:la|ma|notre|votre|le|mon|our|my|the) (?:coach|formatrice|formateur|conseillere|conseiller|intervenante?|accompagnante?|photographe)${gap(3)} (?:ne s est pas (?:presentee?|connect\\w*)|n est (?:pas|jamais) venue?|etait absente?|m a pose un lapin|a oublie (?:notre|mon|le) (?:rendez vous|rdv|appel|seance|visio)|(?:didn t|did not|never) (?:show up|come|turn up|join))|devait (?:venir|passer|etre la)${gap(8)} (?:et )?(?:personne n est venue?|(?:il|elle) n est (?:pas|jamais) (?:venue?|passee?)|toujours personne)|${NOT_RECEIVED}${gap(1)} (?:mes|mon|ma|les|le|la|nos|notre)${gap(2)} (?:visuels?|livrables?|plan d action|compte rendu|photos retouchees))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|(?:mon|ma|son|sa|leur) (?:graphiste|photographe|freelance|prestataire|imprimeur|fournisseur|agence web)|(?:mon|ma|notre) (?:evenement|soiree|concert|fete|inauguration|salon|marche|groupe))\\b`),
  },
  {
    category: 'human',
    pattern: re(
      `\\b(?:(?:numero|telephone|tel|adresse|mail|email|e mail|contact)${gap(4)} (?:vous joindre|vous contacter|vous appeler|vous ecrire|joindre l equipe|contacter l equipe|joindre l agence|contacter l agence)|(?:comment|ou|par ou) (?:est ce que )?(?:(?:puis je|peut on|je peux|on peut|pourrais je) )?(?:vous joindre|vous contacter|vous appeler|vous telephoner|joindre l equipe|contacter l equipe|joindre l agence|contacter l agence)|(?:me faire|m envoyer|m etablir|me proposer|me transmettre|obtenir|recevoir|avoir|demander)${gap(1)} (?:un|le|votre|vos) devis)`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|${PAYMENT_TOOLS}|canva|modele|template|${QUOTE_FROM_A_SUPPLIER})\\b|\\bautomati\\w*|${HOW_TO_ABOUT_ANYONE}`),
  },
  // A person, however the request is worded (human-request-patterns.ts).
  {
    category: 'human',
    pattern: HUMAN_REQUEST,
    // Their own audience, or a how-to about anyone: not a request for the team.
    unless: re(`\\b(?:mes|ses|leurs|my|their) (?:cliente?s?|clients?|abonnee?s?|eleves?|prospects?|customers?|students?)\\b|${HOW_TO_ABOUT_ANYONE}`),
  },
  // Round 7 of the blind rounds (escalation-agency-requests.ts).
  ...AGENCY_REQUEST_RULES,
  // Round 8: a bare request, a grievance beside a how-to, a sign-up without consent (escalation-firm-requests.ts).
  ...FIRM_REQUEST_RULES,
  // Round 9: invoices, instalments, a pause, a broken link, said indirectly (escalation-indirect-requests.ts).
  ...INDIRECT_REQUEST_RULES,
  // Round 10: the agency's invoice, offer, access and company; Spanish and Italian (escalation-dealings-with-the-agency.ts).
  ...AGENCY_DEALING_RULES,
  // Out of the experts' field: law, health, the visitor's own taxes (escalation-out-of-scope.ts).
  ...OUT_OF_SCOPE_RULES,
  // A refund asked impersonally, a message in the agency's name asked about (escalation-refunds-and-impersonation.ts).
  ...REFUND_AND_IMPERSONATION_RULES,
  // One's coach silent, payments one cannot make, an account taken over, a lawyer's letter (escalation-situations-needing-a-person.ts).
  ...SITUATIONS_NEEDING_A_PERSON_RULES,
];
/**
 * The chat's own answers called "automatic" ("je tourne en rond avec les réponses automatiques, quelqu'un de l'équipe
 * pourrait regarder mon compte Zapier avec moi ?", blind round 15): not a how-to of the visitor's automation, so its
 * "automatiques" does not make the message one (a how-to still counts by its other words: "comment configurer…").
 */
const THE_CHATS_AUTOMATIC_ANSWERS = /\b(?:les|vos|tes|ces|des) reponses automatiques\b/g;
/** The intent of a message that needs a person, or null when an expert can answer it. */
export function detectEscalationIntent(message: string): EscalationIntent | null {
  // Distress or a medical emergency first (urgent-help.ts): a person, and the reply says where to get help now.
  const urgentHelp = urgentHelpOf(message);
  if (urgentHelp === 'crisis' || urgentHelp === 'someone_elses_crisis') return { category: 'human', evidence: 'détresse' };
  if (urgentHelp === 'medical_emergency') return { category: 'out_of_scope', evidence: 'urgence médicale' };
  if (urgentHelp === 'partner_violence' || urgentHelp === 'threatened') return { category: 'human', evidence: urgentHelp === 'threatened' ? 'menaces reçues' : 'violences au sein du couple' };
  const text = plainIntentText(message);
  // Whether a message received is a scam, read without the second person it quotes ("reçu 'votre compte a enfreint…', arnaque ?").
  const aScamQuestion = A_RECEIVED_MESSAGE_IS_A_SCAM.test(plainIntentText(withoutTheQuotedAddress(message)));
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    if (rule.unless?.test(text)) continue;
    // Venting beside a how-to of the visitor's own work ("j'en ai marre … comment je limite ça") is a question.
    if (rule.category === 'complaint' && ventsBesideOwnHowTo(rule.pattern, text)) continue;
    // A business how-to ("comment gérer les remboursements de mes clientes avec Stripe") is answered.
    if (!rule.firm && (rule.category === 'billing' || rule.category === 'complaint' || rule.category === 'human') && OWN_BUSINESS.test(text) && HOW_TO.test(text.replace(THE_CHATS_AUTOMATIC_ANSWERS, ' '))) continue;
    if ((rule.category === 'billing' || rule.category === 'complaint') && CLIENT_IS_THE_SUBJECT.test(text) && !THE_VISITOR_WANTS_THEIR_MONEY_BACK.test(text) && !THE_AGENCYS_OFFER_GIVEN_TO_THE_VISITOR.test(text)) continue;
    if ((rule.category === 'complaint' || rule.category === 'account') && aScamQuestion) continue;
    if (rule.category === 'human' && (AUDIENCE_IS_THE_SUBJECT.test(text) || asksWhatTheChatIs(message))) continue;
    // "Le chat peut-il me donner un avis juridique ou comptable ?" asks what the chat does: answered.
    if ((rule.category === 'legal' || rule.category === 'out_of_scope') && ABOUT_THE_CHAT.test(text)) continue;
    // Also a problem with the agency ("Votre facture … a un mauvais SIRET et mon comptable la refuse", blind round 19): the more pressing case names it.
    const withTheAgency = rule.category === 'out_of_scope' ? problemWithTheAgency(text) : null;
    if (withTheAgency !== null && mostPressingCategory([withTheAgency.category, 'out_of_scope']) !== 'out_of_scope') return withTheAgency;
    return { category: rule.category, evidence: match[0].trim() };
  }
  const namedPerson = namedPersonRequested(message); // "parler à Nadia": on the message as typed
  if (namedPerson !== null) return { category: 'human', evidence: namedPerson };
  return aScamQuestion ? null : problemWithTheAgency(text);
}
