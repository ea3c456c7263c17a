import { gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * A serious illness of the visitor's own, just diagnosed or being treated (blind round 21: "On vient de m'annoncer un cancer
 * du sein, je vais devoir tout mettre en pause, comment ça se passe pour mon accompagnement ?" was answered by Audrey): a
 * cancer, a tumour, a multiple sclerosis, a chemotherapy. Said of oneself: announced or diagnosed to the visitor ("on m'a
 * diagnostiqué", "le médecin vient de m'annoncer", "on m'a trouvé une tumeur", "je sors de chez l'oncologue, c'est un lymphome"), had ("j'ai un cancer", "je suis atteinte d'une leucémie", "mon cancer
 * est revenu"), or treated ("je commence ma chimio", "je suis en chimio", "sous chimiothérapie"). A health matter: kept with a
 * person whatever the documents say (shared with pipeline/clarify-unless-knowledge-answers.ts, whose folded form keeps the
 * apostrophes, hence `[ ']`).
 */
const ILLNESS = String.raw`(?:cancers?|tumeurs?|leucemies?|lymphomes?|sclerose en plaques|maladie (?:grave|auto[ -]?immune|de (?:crohn|parkinson|lyme|charcot))|chimio(?:therapies?)?|radiotherapies?)`;
const ARTICLE = String.raw`(?:un |une |d[ ']un |d[ ']une |de |des |le |la |l[ ']|ma |mon |en |sous )?`;
/** A diagnosis told after where it was given ("je sors de chez l'oncologue, c'est un lymphome", fresh wordings of round 21). */
const AFTER_THE_DOCTOR = String.raw`\b(?:je sors de chez|je reviens de chez|(?:mes |les )?resultats (?:de ma |de mon )?|(?:ma |la )?biopsie|(?:mon |le )?scanner|(?:mon |l )?irm|l oncologue|mon oncologue)(?: \S+){0,6} (?:c est|c etait|ils ont trouve|elle a trouve|il a trouve) (?:un |une |bien un |bien une )?${ILLNESS}\b`;
export const OWN_SERIOUS_ILLNESS = String.raw`${AFTER_THE_DOCTOR}|(?:\bm[ ']?(?: \S+){0,2} ?(?:annonce\w*|diagnostique\w*|detecte\w*|decouvert|trouve)|\bj[ ']?ai|\bque j[ ']?avais|\b(?:je|j) suis atteinte?|\bje me bats contre|\bje (?:commence|termine|finis|reprends)|\b(?:je|j[ ']?) ?suis (?:en|sous)|\bj[ ']apprends que j[ ']ai|\bon vient de me (?:diagnostiquer|detecter|trouver)) ${ARTICLE}${ILLNESS}\b|\b(?:mon|ma) (?:cancer|tumeur|leucemie|lymphome|chimio\w*|radiotherapie)\b(?! (?:de |du |des |d[ '])?(?:mes |ma |mon |sa |son |ses )?(?:clientes?|clients?|patientes?|patients?|mere|pere|soeur|frere|fille|fils|amie?|mari|femme|conjointe?|compagne|compagnon)\b)`;

/**
 * OWN_SERIOUS_ILLNESS as an out-of-scope rule (escalation-out-of-scope.ts lists it). Not the visitor's content or practice
 * ("un Reel sur le cancer du sein", "j'accompagne des femmes après un cancer", "mes clientes en chimio"), nor someone else's
 * ("ma mère a un cancer": no first person before the illness; "ma cliente m'a annoncé un cancer": hers, told to the visitor), nor a word of the business ("un cancer pour mon business").
 */
export const OWN_SERIOUS_ILLNESS_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(OWN_SERIOUS_ILLNESS),
  unless: re(
    String.raw`\b(?:(?:reels?|posts?|videos?|carrousels?|articles?|podcasts?|webinaires?|contenus?|ateliers?|ebooks?|newsletters?|legendes?|stories|story|lives?|guide|formation|octobre rose) (?:sur|pour|contre|au sujet d|a propos d|qui parle)|j accompagne|accompagner (?:des|les)|apres (?:un|une|leur|son|sa) (?:cancer|chimio)|(?:mes|des|les) (?:clientes?|clients?|patientes?|patients?) (?:en|sous|atteintes?|qui)|parler (?:du|de la|de|d)${gap(2)} (?:cancer|maladie|chimio)|(?:en parler|raconter|temoigner)${gap(3)} (?:dans|sur|en) (?:mes |ma |mon |un |une )?(?:stories|story|posts?|reels?|newsletters?|podcasts?|lives?|videos?|contenus?|compte|instagram|insta|blog)|(?:ma|mon|mes|une|un) (?:clientes?|clients?|patientes?|patients?|mere|pere|soeur|frere|fille|fils|amie?|copine|voisine?|collegues?|associee?|mari|femme|conjointe?|compagne|compagnon|eleves?)${gap(2)} (?:m a|m ont|vient de m|viennent de m) (?:annonce|appris|dit|confie)|(?:un|le|c est un) cancer pour (?:mon|ma|le|la|l)|le cancer de (?:mon|ma|l|la) (?:business|activite|entreprise|compte|engagement|portee))`,
  ),
};
