/**
 * Someone the visitor is with speaks of ending their life now (blind round 20: "Ma cliente vient de me dire en séance qu'elle
 * pense à en finir, je fais quoi là maintenant ?" was answered by Audrey): a person of the team, and the reply first gives
 * where to get help now (the 3114 answers those around someone at risk too). Run on urgent-help.ts's folded form (accents
 * removed, a clause mark kept as a " , " token, the idioms already removed: "elle veut en finir avec sa procrastination").
 *
 * In the present only, and not the subject of a content ("un Reel sur une cliente qui pense à en finir", "elle parle de
 * mourir dans son livre"): a story told in the past ("elle pensait à en finir il y a deux ans") is the visitor's content.
 */
/** Who: a pronoun, or someone close to the visitor or in her care ("mon amie veut se suicider", "ma cliente pense à en finir"). */
const CLOSE_ONES = String.raw`(?:amie?|copine|copain|cliente?|client|patiente?|eleve|soeur|frere|fille|fils|mere|pere|mari|femme|compagnon|compagne|conjointe?|collegue|associee?|voisine?|ado|niece|neveu|cousine?)`;
const THIRD_PERSON_NOW = String.raw`(?:il|elle|ils|elles|qu il|qu elle|qu ils|qu elles|(?:mon|ma|mes|une|un|cette|ce|notre) (?:\w+ )?${CLOSE_ONES}s?)`;
/**
 * How one wishes to die at the end of a life, as a practitioner of end-of-life care hears it ("ma patiente m'a dit qu'elle
 * voulait mourir chez elle", "elle veut mourir dans la dignité", a review of round 20's rules): no wish to end it now.
 */
const TO_DIE = String.raw`mourir(?! (?:chez (?:elle|lui|eux|soi)|a la maison|a domicile|dans (?:la dignite|son lit|sa maison|ses bras)|en paix|sereinement|entouree?s?|de (?:honte|rire|envie|faim|froid))(?![a-z]))`;
/** Wishing it ("elle pense à en finir", "il veut mourir"), or going to do it ("elle va se tuer"; not "il va mourir", said of a sick pet). */
const WANTS_TO_END_THEIR_LIFE = String.raw`(?:(?:pense|pensent|songe|songent|veut|veulent|voudrait|voudraient|parle|parlent|envisage|envisagent|menace|menacent|a envie|ont envie) (?:\w+ )?(?:a |de |d )?(?:en finir|se suicider|se tuer|${TO_DIE}|mettre fin a ses jours|mettre fin a sa vie|se foutre en l air|passer a l acte)|(?:va|vont) (?:\w+ )?(?:en finir|se suicider|se tuer|mettre fin a ses jours|mettre fin a sa vie|se foutre en l air|passer a l acte))`;
const IN_ENGLISH = String.raw`(?:she|he|they) (?:wants? to|is going to|are going to|talks? about|is thinking (?:about|of)|says? (?:she|he|they) wants? to) (?:kill(?:ing)? (?:her|him|them)sel(?:f|ves)|end(?:ing)? (?:it all|her life|his life|their lives?)|suicide|die)`;
/** Reported in the imperfect, as French reports what was just said ("elle m'a dit ce matin qu'elle voulait en finir"). */
const REPORTED_JUST_NOW = String.raw`(?:m a|m avait|nous a|m ont) (?:\w+ ){0,3}(?:dit|ecrit|avoue|confie|annonce|envoye) (?:\w+ ){0,3}qu (?:il|elle|ils|elles) (?:\w+ )?(?:voulait|voulaient|pensait|pensaient|songeait|avait envie|allait|allaient) (?:\w+ )?(?:a |de |d )?(?:en finir|se suicider|se tuer|${TO_DIE}|mettre fin a ses jours|mettre fin a sa vie|se foutre en l air|passer a l acte)`;
const SOMEONE_ELSES_CRISIS = new RegExp(String.raw`\b(?:${THIRD_PERSON_NOW} (?:\w+ )?${WANTS_TO_END_THEIR_LIFE}|${REPORTED_JUST_NOW}|${IN_ENGLISH})\b`);
const A_CONTENT = /\b(?:reels?|posts?|publications?|stories|story|carrousels?|contenus?|articles?|podcasts?|episodes?|videos?|newsletters?|livres?|romans?|films?|series?|personnages?|temoignages?|raconter|(?:en )?parler dans)\b/;

/** Whether the folded message says that someone else wants to end their life, now. */
export function speaksOfSomeoneElsesCrisis(foldedText: string): boolean {
  return SOMEONE_ELSES_CRISIS.test(foldedText) && !A_CONTENT.test(foldedText);
}
