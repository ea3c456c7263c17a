import { OWN_SUPPLIER, SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS, gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * Dealings with the agency itself, found missing by blind round 10 (evaluation/blind-round-10/),
 * each a class of wording, each vetoed when it is about the visitor's own clients or another company:
 * - the agency's invoice named as theirs ("la facture de votre formation"), a wrong programme bought
 *   ("je me suis inscrite au mauvais programme"), paying the agency otherwise than by card ("payer
 *   votre programme par virement"), a discount or promo code asked of the agency, free access
 *   demanded ("donne-moi un accès gratuit à l'espace membre", however it is dressed up);
 * - an access passed to someone else ("comment on lui transfère l'accès"), a reset, login or
 *   confirmation email of the agency that never arrives ("ne m'arrive jamais");
 * - the visitor's testimonial, photo or name used without their consent, the recordings of their
 *   sessions with the agency (who sees them, whether they are reused);
 * - the agency as a company: a job application, a partnership offered to it, a journalist's
 *   request (only a person of the agency can answer);
 * - in Spanish or Italian, a request for a person or an access that does not work.
 * The rules run on plainIntentText's form (escalation-intent.ts).
 */

/** The visitor's own business: their clients, suppliers, or another company's platform. */
const NOT_THE_AGENCY = `(?:${SOMEONE_ELSES_CLIENTS}|${OWN_SUPPLIER}|${THIRD_PARTY_PLATFORMS}|stripe|paypal|shopify|woocommerce|mes ventes|ma boutique|mon site|ma page|mes pages|page de vente|mon tunnel|mon offre|ma formation|mon programme|mes formations)`;
/** What the agency sells, named as the agency's. */
const AGENCY_OFFER = `(?:votre|vos|de l agence|chez vous) (?:formations?|programmes?|accompagnements?|coachings?|offres?|club|abonnement|services|ateliers?|masterclass)`;
const INVOICE = `(?:facture|factures|recu|justificatif(?: de paiement)?|invoice|receipt)`;

export const AGENCY_DEALING_RULES: readonly IntentRule[] = [
  {
    category: 'billing',
    pattern: re(
      `\\b(?:${INVOICE} (?:de|du|d|pour|of|for) ${AGENCY_OFFER}|(?:payer|regler|pay)${gap(2)} ${AGENCY_OFFER}${gap(2)} (?:par|en|by) (?:virement|cheque|especes|bank transfer|transfer)|(?:vous avez|avez vous|y a t il|il y a|existe t il|auriez vous)${gap(2)} (?:un |une |des )?(?:code promo|codes promo|code de reduction|tarif (?:special|reduit|preferentiel)|reduction|remise)|(?:donne|donnez|offre|offrez|accorde|accordez|ouvre|ouvrez|active|activez)(?: moi| nous)?${gap(1)} (?:un |l |mon )?acces (?:gratuit\\w*|offert|illimite)|acces gratuit${gap(3)} (?:a l |a |au )?(?:espace membre|programme|formation))`,
    ),
    unless: re(`\\b(?:${NOT_THE_AGENCY}|proposer|offrir a|creer|configurer|parametrer|comment (?:faire|creer|rediger|editer|mettre|proposer|generer))\\b`),
  },
  // The wrong programme bought: the other programme it names may be about Instagram or a funnel.
  {
    category: 'billing',
    pattern: re(`\\b(?:(?:je me suis|j ai ete|je suis) inscrite?${gap(1)} (?:au|a la|dans le|dans la|sur le|sur la) (?:mauvais|mauvaise)|(?:j ai|on m a) (?:achete|paye|commande|pris|vendu)${gap(1)} (?:le|la|l) (?:mauvais|mauvaise)|(?:je me suis|on s est) trompee?s? (?:de|d) (?:formation|programme|formule|offre|accompagnement))\\b`),
    unless: re(`\\b${SOMEONE_ELSES_CLIENTS}\\b`),
  },
  {
    category: 'account',
    pattern: re(
      `\\b(?:transfer\\w*${gap(2)} (?:l |mon |son |ses |mes |the |my )?(?:acces|inscription|place|compte|access)|(?:lien|mail|e mail|email|code)${gap(5)} (?:reinitialisation|reinitialiser|connexion|acces|confirmation|activation|mot de passe)${gap(8)} (?:ne m arrive|m arrive (?:pas|jamais)|n arrive (?:pas|jamais|toujours pas)|arrive jamais))`,
    ),
    unless: re(`\\b${NOT_THE_AGENCY}\\b`),
  },
  {
    category: 'personal_data',
    pattern: re(
      `\\b(?:(?:mon|ma|mes) (?:temoignage|avis|photo|photos|image|nom|prenom|visage)${gap(8)} sans (?:mon|ma) (?:accord|autorisation|consentement)|(?:retir|supprim|enlev)\\w*${gap(1)} (?:mon|ma|mes) (?:temoignage|avis|photo|photos|image|nom)${gap(3)} (?:de |sur |du )?(?:votre|vos|la page)|(?:qui a acces|qui peut (?:voir|regarder)|qui voit|reutilis\\w*|vous gardez|vous conservez)${gap(6)} (?:enregistrements?|videos?|captations?)${gap(2)} (?:de|d) (?:mes|nos) (?:seances?|sessions?|appels?|coachings?)|(?:enregistrements?|videos?|captations?) de (?:mes|nos) (?:seances?|sessions?|appels?|coachings?)${gap(4)} (?:chez vous|avec vous|reutilis\\w*))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|comment|how)\\b`),
  },
  {
    category: 'human',
    pattern: re(
      `\\b(?:vous recrutez|recrutez vous|vous embauchez|embauchez vous|est ce que vous (?:recrutez|embauchez)|candidature spontanee|(?:rejoindre|integrer) (?:votre|l) (?:equipe|agence)|are you hiring|(?:seriez vous|etes vous|serait elle|est ce que vous seriez)${gap(1)} interesse\\w*${gap(4)} (?:partenariat|collaboration|nos services|notre offre|nos prestations)|(?:interviewer|interview|portrait|reportage)${gap(2)} (?:la fondatrice|le fondateur|la gerante|la dirigeante|votre agence|l agence|votre equipe))`,
    ),
    unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|comment|mes (?:clientes?|clients?|abonne\\w*))\\b`),
  },
  {
    category: 'human',
    pattern: re(`\\b(?:(?:hablar|habla|hable|parlare|parlar) con (?:una persona|alguien|un humano|una humana|el equipo|qualcuno|un operatore|un umano|una persona reale)|persona (?:real|reale|del equipo))`),
  },
  {
    category: 'account',
    pattern: re(`\\b(?:non riesco (?:ad |a )?(?:accedere|entrare)|no puedo (?:acceder|entrar)|no tengo acceso|non ho (?:ancora )?(?:accesso|ricevuto))`),
    unless: re(`\\b${NOT_THE_AGENCY}\\b`),
  },
];
