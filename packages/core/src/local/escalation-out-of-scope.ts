import { gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * Out of the experts' field: taxes and accounting, medication and diagnoses, the weather, recipes,
 * a car or a plumber, a sick animal or a visit to the vet, farm machinery, crop diseases, family
 * law, phone plans, tuning an instrument (blind rounds 9 and 10). Vetoed when the word is the subject
 * of the visitor's content ("un webinaire sur le sommeil sans médicament", "un Reel sur le mildiou",
 * "parler de succession sur LinkedIn"). A health, family-law or veterinary question stays with a
 * person even when a document shares its words (pipeline/clarify-unless-knowledge-answers.ts).
 * Runs on plainIntentText's form (escalation-intent.ts).
 */
export const OUT_OF_SCOPE_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(
    `\\b(?:impots?|declaration d impots?|declaration de revenus|declarer mes revenus|avis d imposition|impot sur le revenu|urssaf|comptabilite|expert comptable|comptable|tva|medicaments?|ordonnance|posologie|diagnostic medical|traitement medical|(?:m a|m ont|on m a) prescrit (?:des|un|une|du) (?:medicaments?|anxiolytiques?|antidepresseurs?|somniferes?|traitement|cachets)|(?:prendre|arreter|arrete|diminuer|continuer) (?:mes|mon|ma|les|des) (?:anxiolytiques?|antidepresseurs?|somniferes?|cachets|traitement)|meteo|horoscope|recette|gateau|billet d avion|taxes?|tax return|medication|weather|recipe|(?:ma|mon) (?:voiture|vehicule|scooter|moto)${gap(3)} (?:fait un bruit|fait du bruit|freins?|ne demarre|demarre plus|cale)\\w*|(?:un|une) (?:bon|bonne) (?:plombiere?|garagiste|mecanicienne?|electricienne?|serruriere?|dentiste)|fuite d eau (?:sous|chez moi|dans ma (?:cuisine|salle de bain))|(?:chez|appeler|consulter|voir|emmener) (?:le|la|un|une|mon|ma) (?:veterinaire|veto)|(?:mon|ma) (?:chien|chienne|chat|chatte|chaton|chiot|cheval|jument|lapin)${gap(2)} (?:ne mange|mange plus|ne boit|vomit|tousse|boite|est malade)|vacciner (?:un|mon|ma|le|la) (?:chiot|chaton|chien|chienne|chat|chatte)|tracteur|mildiou|pucerons|oidium|taches \\w+ sur les feuilles|(?:mes|ma|mon) (?:tomates?|potager|rosiers?)${gap(3)} (?:maladie|malades?|taches|pucerons|jaunissent|meurent)|droits de succession|succession entre|testament|(?:partager|partage) (?:un|l|d un) heritage|pension alimentaire|pension (?:pour|des) (?:les |mes )?enfants|garde (?:des|de mes) enfants|forfait (?:mobile|telephone|portable|internet)|abonnement (?:telephone|mobile|internet)|box internet|operateur (?:mobile|telephonique)|accorde\\w* (?:une|ma|sa|la|ta) (?:guitare|basse|violon|ukulele|harpe)|sonne faux|regler les cordes|roue de velo|changer une roue|(?:mon|ma) (?:bebe|enfant|fils|fille)${gap(3)} (?:a de la fievre|fievre|est malade|vomit|tousse))\\b`,
  ),
  // The word is the subject of the visitor's content ("un webinaire sur le sommeil sans médicament"), not a request.
  unless: re(`\\b(?:facture\\w* (?:automati|avec)|automati\\w*|zapier|make|stripe|tunnel|kajabi|sujet|theme|atelier|webinaire|reels?|posts?|story|stories|carrousel|newsletter|contenu|videos?|legende|article|podcast|ebook|live|lives|page de vente|livre blanc|instagram|linkedin|tiktok|youtube|facebook|pinterest|blog|parler de|e ?mails?|mail|landing|page|fiche|google|hook|accroche|prospects?|mes clientes?|mes clients|abonnes|abonnees|liste|communication|boutique|lancement|visios?|vends|vendre|format|carre|vertical|marque|montrer|expliquer|presenter|vulgariser|pet sitting|(?:facture|justificatif|recu)${gap(4)} (?:de |d )?(?:canva|instagram|meta|facebook|google|zapier|brevo|mailerlite|kajabi|systeme io|later|notion|wix))\\b`),
};
