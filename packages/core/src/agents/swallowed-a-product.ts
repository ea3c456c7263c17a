/**
 * A child or the visitor who has just swallowed or drunk a product (blind round 21: "mon fils de 4 ans a avalé une de mes
 * huiles essentielles, qu'est ce que je fais ???" was answered by Audrey): a poisoning happening now, a medical emergency
 * (urgent-help.ts: the reply opens with the 15 and the 112). Practitioners keep essential oils, tablets, candles and
 * cleaning products at hand; the object is one of those, a few words after the verb ("a avalé une de mes huiles
 * essentielles", "a bu du diffuseur"). Not a figure of speech ("elle a avalé ma formation en deux jours", "j'ai avalé trois
 * épisodes de podcast": no product), not an animal (the vet: escalation-out-of-scope.ts), not a content's subject
 * ("un post sur les enfants qui avalent des huiles essentielles": the verb is not in the past of someone now).
 *
 * On urgent-help.ts's folded form (accents removed, a clause mark as " , ").
 */
const A_CHILD = String.raw`(?:mon (?:fils|bebe|enfant|petit|garcon|neveu|filleul|fiston|loulou)|ma (?:fille|petite|niece|filleule|puce)|mon petit (?:garcon|dernier)|ma petite (?:fille|derniere)|(?:l un|l une) de mes enfants|un de mes enfants|une de mes filles|un de mes fils|le petit|la petite|mes enfants|mes (?:fils|filles))`;
/** The visitor, or "il"/"elle" (a child or an adult): an adult drinks alcohol or eats a product of her shop on purpose. */
const ANYONE = String.raw`(?:il|elle|j)`;
const SWALLOWED = String.raw`(?:a|ont|ai|(?:vient|viennent|viens) de?) (?:avale|avaler|bu|boire|ingere|ingerer|mange|manger|lechee?|lecher|mis dans sa bouche)`;
/**
 * What nobody swallows on purpose. Not "la pilule" after the verb ("j'ai avalé la pilule", to accept a thing: review of
 * round 21), nor alcohol or a bare "produit" for an adult ("j'ai bu un verre d'alcool pour fêter mon lancement", "j'ai
 * mangé un produit de ma boutique pour la vidéo" were medical emergencies): a child's, they still are.
 */
const NOT_FOOD = String.raw`(?:huiles? essentielles?|he|produits? (?:menagers?|d entretien|de nettoyage|nettoyants?|vaisselle|chimiques?|toxiques?)|medicaments?|cachets?|comprimes?|gelules?|(?<!\bla )pilules?|piles?|javel|lessive|capsules?|detergents?|savons?|cremes?|parfums?|diffuseurs?|bougies?|cire|encens|desinfectant|gel hydroalcoolique|eau de javel|granules homeopathiques|teinture mere|flacons?|fioles?)`;
const PRODUCT = String.raw`(?:${NOT_FOOD}|produits?|alcool)`;
const SWALLOWED_A_PRODUCT = new RegExp(String.raw`\b(?:${A_CHILD}(?: \w+){0,4} ${SWALLOWED}(?: \w+){0,4} ${PRODUCT}|${ANYONE}(?: \w+){0,4} ${SWALLOWED}(?: \w+){0,4} ${NOT_FOOD})\b`);
/**
 * The same in English (review of round 21: "my son just swallowed some essential oil what do I do" was answered by Carole):
 * a child, or the visitor with what nobody swallows on purpose.
 */
const A_CHILD_EN = String.raw`(?:my|our) (?:son|daughter|kid|child|baby|toddler|little one|boy|girl)`;
const SWALLOWED_EN = String.raw`(?:(?:just|has|have|has just|have just) )?(?:swallowed|drank|drunk|ate|eaten|licked|ingested)`;
const NOT_FOOD_EN = String.raw`(?:essential oils?|pills?|tablets?|capsules?|medicines?|medication|meds|batter(?:y|ies)|button cell|detergent|laundry (?:pod|pods|capsule)|bleach|soap|cleaning products?|candles?|diffuser|creams?|perfume|hand sanitizer)`;
const SWALLOWED_A_PRODUCT_EN = new RegExp(String.raw`\b(?:${A_CHILD_EN}(?: \w+){0,3} ${SWALLOWED_EN}(?: \w+){0,4} (?:${NOT_FOOD_EN}|alcohol|products?)|i(?: \w+){0,2} ${SWALLOWED_EN}(?: \w+){0,4} ${NOT_FOOD_EN})\b`);

/** Told as a content's subject or a past story ("un post sur…", "l'an dernier", "quand il était petit"). */
const NOT_NOW_OR_A_SUBJECT = /\b(?:post|posts|reel|reels|article|carrousel|story|stories|video|newsletter|atelier|webinaire|l an dernier|l annee derniere|il y a (?:\d+|un|une|deux|trois|quelques) (?:ans?|annees?|mois)|quand (?:il|elle|j) (?:etait|etais)|petite?)\s+(?:sur|pour|a propos)\b|\bil y a (?:\d+|un|une|deux|trois|quelques) (?:ans?|annees?|mois)\b/;

/** Whether the folded text tells of a product just swallowed by a child or the visitor. */
export function speaksOfAProductSwallowed(foldedText: string): boolean {
  return (SWALLOWED_A_PRODUCT.test(foldedText) || SWALLOWED_A_PRODUCT_EN.test(foldedText)) && !NOT_NOW_OR_A_SUBJECT.test(foldedText);
}
