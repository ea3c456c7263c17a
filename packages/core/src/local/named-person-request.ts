/**
 * A visitor asking for a person of the team by first name ("Je voudrais parler à Nadia
 * directement", "Je peux avoir un rendez-vous avec Nadia ?"). Every knowledge base names its own
 * team, so the name is not looked up in a list: a capitalised word right after a way of reaching
 * someone (talk to, call, write to, book a meeting with) is read as a person, unless it is one of
 * the two AI experts (Audrey, Carole: "parler à Carole de mes Reels" is a routing question), a tool
 * or platform, or a word capitalised for another reason. Runs on the message as typed: folding it
 * would lose the capital that tells a name. A message written all in lower case is left to the
 * other rules ("je veux parler a nadia" reads like any other words).
 */

/** Talking, writing, calling: a way of reaching someone, then à / avec / auprès de the person. */
const REACH_BY_NAME =
  /\b(?:parler|discuter|echanger|joindre|contacter|appeler|rappeler|ecrire|rencontrer|voir|speak|talk)(?:\s+(?:directement|en direct|en personne|de vive voix|rapidement|un peu|un instant|avec elle|a elle|with|to))?\s+(?:a|avec|aupres de|to|with)\s+(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=[\s,.!?;:)]|$)/u;
/** Asking for a meeting (not telling about one: "j'ai eu un rendez-vous avec…" is not a request). */
const MEETING_BY_NAME =
  /\b(?:prendre|avoir|fixer|caler|reserver|booker|planifier|organiser|obtenir|demander|book|schedule|get)\s+(?:un\s+|une\s+|a\s+|an\s+)?(?:rendez-vous|rendez vous|rdv|appel|call|visio|creneau|entretien|echange|meeting|seance)(?:\s+\S+){0,2}?\s+(?:avec|with)\s+(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=[\s,.!?;:)]|$)/u;

/** Capitalised words that are not a person of the team: the AI experts, tools and platforms, titles, pronouns. */
const NOT_A_TEAM_MEMBER: ReadonlySet<string> = new Set(
  `audrey carole instagram insta facebook meta whatsapp messenger tiktok linkedin youtube pinterest twitter threads snapchat
  kajabi zapier make canva capcut google gmail chatgpt gpt openai claude gemini copilot mistral siri alexa brevo mailerlite
  mailchimp sendinblue activecampaign convertkit kit hubspot pipedrive notion trello slack discord zoom teams meet skype
  calendly acuity stripe paypal sumup shopify woocommerce wordpress wix squarespace webflow systeme podia teachable
  learnybox thinkific airtable typeform tally excel word outlook apple iphone android amazon etsy ovh hostinger
  je tu il elle on nous vous ils elles moi toi lui eux mon ma mes ton ta tes son sa ses notre votre nos vos leur leurs
  un une le la les des du de quelqu quelqu'un personne monsieur madame mademoiselle mme mr mlle dr docteur maitre
  dieu jesus bonjour merci svp stp lundi mardi mercredi jeudi vendredi samedi dimanche`.split(/\s+/),
);

/** Diacritics and typographic apostrophes removed, case kept ("à Nadia" → "a Nadia"). */
function foldKeepingCase(message: string): string {
  return message.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`´]/g, "'");
}

/** The first name a visitor asks to reach, or null. */
export function namedPersonRequested(message: string): string | null {
  const text = foldKeepingCase(message);
  // A how-to about reaching someone ("Comment parler à Julie de ses retards ?") is a question.
  if (/^\s*(?:comment|how)\b/i.test(text)) return null;
  for (const pattern of [REACH_BY_NAME, MEETING_BY_NAME]) {
    const match = pattern.exec(text);
    const name = match?.[1];
    if (name === undefined || NOT_A_TEAM_MEMBER.has(name.toLowerCase())) continue;
    // "parler à Julie, ma cliente" / "avec Marc mon client": someone of the visitor's own.
    const after = text.slice(match!.index + match![0].length, match!.index + match![0].length + 40).toLowerCase();
    if (/^[\s,(]*(?:ma|mon|mes|une|un|notre|my|our)\s+(?:cliente?s?|clients?|abonnee?s?|eleves?|participante?s?|stagiaires?|patiente?s?|coachee?s?|associee?s?|salariee?s?|amie?s?|soeur|frere|mere|pere|fille|fils|mari|femme|compagne?|conjointe?|customer|client|student)\b/.test(after)) continue;
    return match![0].trim();
  }
  return null;
}
