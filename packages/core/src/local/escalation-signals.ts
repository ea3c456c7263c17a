import { A_PLATFORMS_FEATURE, ABOUT_THE_CHAT, HOW_TO, OWN_BUSINESS, OWN_SUPPLIER, POLICY_QUESTION, SOMEONE_ELSE_HOLDS_MY_MONEY, THE_VISITOR_REFUNDS_SOMEONE, A_RECEIVED_MESSAGE_IS_A_SCAM, THIRD_PARTY_PLATFORMS, gap, re, type EscalationIntent } from './escalation-patterns.ts';

/**
 * When no phrase of the rules matched (escalation-intent.ts): a message about the visitor's own
 * relation with the agency — their money, their access, their data, a wish to reach a person,
 * their dissatisfaction — together with a problem or a request, is escalated however it is worded
 * ("why was I charged 97€ this morning?", "mon accès à la formation a disparu", "the login link
 * you sent me has expired", "Veuillez supprimer mon historique de conversation").
 *
 * Three signals together: (1) a topic cue of a category; (2) the relation: the visitor speaks of
 * themselves (je, mon, my…) or to the agency (vous, your, l'accompagnement, la formation…); (3) a
 * problem (erreur, disparu, expired, alors que…) or a request (pouvez-vous, veuillez, please…).
 * Vetoed: a how-to about the visitor's own business or tools (not addressed to the agency), a
 * policy question, a question about what the chat does, the visitor's clients or social accounts, a refund the visitor
 * makes to someone else (THE_VISITOR_REFUNDS_SOMEONE), whether a message received is a scam (A_RECEIVED_MESSAGE_IS_A_SCAM).
 */

/** A topic cue; `withTheAgency`: counts only when the message names what the visitor has with the agency. */
type TopicCue = [category: EscalationIntent['category'], cue: RegExp, options?: { withTheAgency?: boolean; unless?: RegExp }];

/** Topic cues, in order of priority. */
const CUES: readonly TopicCue[] = [
  ['billing', re(`\\b(?:ce que j ai (?:paye|payee)|what i (?:have )?paid|deja (?:tout )?paye|already paid|(?:mon|ma|my) (?:commande|order)|recu de paiement|(?:justificatif|preuve) de paiement|encaisse\\w*|cheque)`)],
  ['billing', re(`\\b(?:(?:j ai|i|i ve) (?:paye|payee|paid))`), { withTheAgency: true }],
  [
    'billing',
    re(
      `\\b(?:preleve\\w*|prelevement|debite\\w*|(?:retire|pris|preleve|debite|took|taken)${gap(1)} \\d+ ?(?:e|eur|euros?)|ma banque|my bank|(?:mon|my) achat|my purchase|(?:j ai achete|i bought)${gap(2)} (?:le |la |l |the )?(?:mauvais|mauvaise|wrong)|facture|facturation|montant|carte bancaire|ma carte|my card|mon argent|rembours\\w*|refund\\w*|charged|billed|charging|charge|invoice|receipt|un avoir|attestation de paiement|code promo|promo code|discount|la difference(?! entre)|(?:mon|my) (?:paiement|payment)|renouvel\\w*|mon abonnement|ma formule|changer de formule|versements?|(?:le |les )?prix a augmente|augmentation (?:du|des) (?:prix|tarifs?)|price (?:went up|increase))`,
    ),
  ],
  [
    'account',
    re(`\\b(?:identifiants?|(?:mon |l |mes |d )acces|access|mot de passe|login|log in|password|(?:mon|my) (?:compte|account)|lien d acces|lien de telechargement|download link|telecharger${gap(4)} (?:j ai achete|achete)|(?:le |au |du |the )module \\d+|confirmation (?:email|mail)${gap(2)} (?:after|apres) (?:paying|payment|le paiement|mon paiement|l achat)|(?:link|lien)${gap(1)} (?:you sent|que vous m avez envoye|recu par mail))`),
  ],
  // The visitor's modules or member space, not ones they build or a tool's ("structurer mes modules", "mon espace de travail Notion").
  [
    'account',
    re(`\\b(?:(?:mes|les|my) (?:modules|lecons|lessons)|(?:mon|my) espace (?:membre|client|eleve|formation|personnel)|(?:mon|my) espace(?= (?:a|est|n est|ne|has|is|was) | ?$)|espace membre)`),
    { unless: re(`\\b(?:structurer|organiser|reorganiser|creer|remplir|refaire|construire|decouper|raccourcir|amenager|de travail|(?:modules|lecons|espace)${gap(1)} ${THIRD_PARTY_PLATFORMS})\\b`) },
  ],
  ['account', re(`\\b(?:lien|link|code|adresse e ?mail|adresse mail|email address|ma place|my spot|(?:mon|ma) inscription|my registration)`), { withTheAgency: true }],
  ['personal_data', re(`\\b(?:(?:mes|my) (?:donnees|informations|infos|data)|historique (?:de|des) (?:conversation|discussion|messages|echanges)|(?:conversation|chat) history|(?:mon|my) adresse)`)],
  ['human', re(`\\b(?:un numero|your number|joindre|vous appeler|call you|une vraie personne|un humain|(?:rendez vous|rdv|appointment|call) (?:avec|with) (?:quelqu un|someone|une personne))`)],
  ['human', re(`\\b(?:decaler|reporter|reschedule|rattraper)`), { withTheAgency: true }],
  // Last: a problem with the service itself ("mon accompagnement … a été coupé au bout de 2 mois").
  ['complaint', re(`\\b(?:coupe|interrompu|devait durer|on m avait promis|was promised|n a jamais commence)`), { withTheAgency: true }],
];
const SELF = re(`\\b(?:je|j|me|m|mon|ma|mes|moi|i|my|me)\\b|\\b(?:preleve\\w*|debite\\w*|charged|billed)`);
/** The visitor names what they have with the agency ("votre formation", "l'accompagnement", "I bought"). */
const WITH_THE_AGENCY = re(
  `\\b(?:votre|vos|chez vous|your|l accompagnement|la formation|le programme|l atelier|le suivi|le coaching|(?:la|les|une) seances? de groupe|the course|the program|the workshop|the coaching|j ai achete|i bought|(?:je suis|j etais|deja) inscrite?|que vous m avez envoye|you sent me|en m inscrivant|mon inscription|my registration|signed up|(?:le |au |du |the )module \\d+|(?:les |mes )?prochains prelevements?|next (?:payments|charges)|(?:mes|my) (?:prochaine?s? |next )?(?:mensualites|echeances|instalments|installments))`,
);
/** The visitor speaks to the agency (also the polite "vous" of a how-to: not enough to override one). */
const TO_THE_AGENCY = re(`\\b(?:vous|you)\\b`);
const PROBLEM_OR_REQUEST = re(
  `\\b(?:erreur|errone\\w*|probleme|souci|broken|casse|comprends pas|pas normal|(?:je peux|puis je|pourrais je) avoir|can i (?:get|have)|retrouve (?:pas|plus)|renvoyer|resend|deux fois|twice|pas pu|quelqu un (?:peut|pourrait)|c est normal|est ce normal|is it normal|ne se lance pas|ne s ouvre pas|ne charge pas|won t (?:load|play|open)|trompee?|mistake|(?:n est|est) pas (?:bon|bonne|juste|exact|exacte|correct|correcte)|injuste|arrete au|devait|coupe|transferer|ceder|rejete\\w*|refuse\\w*|regrette\\w*|mauvais|echanger|exchange|n est pas passe|(?:mettre|mets|met) a jour ma carte|update my card|n arrive pas|arrive pas|pas (?:ete )?(?:pris en compte|applique\\w*|deduit\\w*)|(?:wasn t|was not|not|never) applied|change\\w* (?:de |ma )carte|nouvelle carte|new card|i need${gap(3)} (?:invoice|refund|receipt|access|login|password|certificate|attestation)|(?:pas|aucune?) (?:de |d )?(?:facture|acces|identifiants|lien|confirmation)|pas recu|jamais recu|pas eu|toujours pas|disparu|expire\\w*|bloque\\w*|alors que|ou en est|ca fait \\d+|depuis (?:lundi|mardi|mercredi|jeudi|vendredi|hier|\\d+)|pourquoi|why|changer|modifier|corriger|supprimer|supprimez|effacer|besoin|souhaite\\w*|voudrais|aimerais|recuperer|veuillez|merci de|pouvez vous|vous pouvez|pourriez vous|auriez vous|can you|could you|please|stop|i want|i d like|i would like|wrong|error|never|didn t|haven t|doesn t work|not working|ne marche|marche pas|fonctionne pas|au nom de)`,
);
/** Someone else's or the visitor's own tools: their clients, their social or tool accounts. */
const SOMEONE_ELSES = re(
  `\\b(?:(?:une|ma|mes|un|mon|des|a|my) (?:cliente?s?|clients?|abonnee?s?|eleves?|participante?s?|customers?|students?|contacts?)|(?:compte|account|profil|page|mon|my)${gap(1)} (?:instagram|insta|facebook|tiktok|linkedin|youtube|canva|gmail|google|kajabi|podia|brevo|mailerlite|systeme io|stripe|paypal|wordpress|wix|shopify|zapier|make|calendly|notion|site)|(?:sur|on) (?:instagram|insta|facebook|tiktok|linkedin|youtube|canva|pinterest)${gap(2)} (?:pour |for )?(?:mon|my) (?:compte|account)|${OWN_SUPPLIER}|${A_PLATFORMS_FEATURE})\\b`,
);

/** The visitor's own partner or tool holding their money ("mon partenaire d'affiliation bloque mon argent"): their business. */
const SOMEONE_ELSE_HOLDS_THE_MONEY = new RegExp(SOMEONE_ELSE_HOLDS_MY_MONEY);

/** "Où récupérer mes factures ?", "where do I find my invoices?": the knowledge base says where. */
const WHERE_TO_FIND = re(`^ ?(?:ou(?! en est)|where (?:do|can|is|are)|dans quel(?:le)? (?:rubrique|onglet|menu))`);

export function problemWithTheAgency(text: string): EscalationIntent | null {
  if (!PROBLEM_OR_REQUEST.test(text) || !(SELF.test(text) || TO_THE_AGENCY.test(text) || WITH_THE_AGENCY.test(text))) return null;
  if (POLICY_QUESTION.test(text) || ABOUT_THE_CHAT.test(text) || SOMEONE_ELSES.test(text) || WHERE_TO_FIND.test(text) || SOMEONE_ELSE_HOLDS_THE_MONEY.test(text) || THE_VISITOR_REFUNDS_SOMEONE.test(text) || A_RECEIVED_MESSAGE_IS_A_SCAM.test(text)) return null;
  // A how-to, or the visitor's own business, is answered unless it is about what they have with the agency.
  if ((HOW_TO.test(text) || OWN_BUSINESS.test(text)) && !WITH_THE_AGENCY.test(text)) return null;
  for (const [category, cue, options] of CUES) {
    if ((options?.withTheAgency && !WITH_THE_AGENCY.test(text)) || options?.unless?.test(text)) continue;
    const match = cue.exec(text);
    if (match) return { category, evidence: match[0].trim() };
  }
  return null;
}
