import { foldFrench } from '../french-text/french-text.ts';

/**
 * Names of platforms and tools a visitor may ask about (folded, one word each). A question that
 * names one the quoted sources never mention ("la meilleure heure pour publier sur TikTok", "mon
 * domaine OVH", "HubSpot ou Pipedrive ?") is about something the knowledge base does not cover:
 * quoting a passage that shares another of its words ("heure", "nom", "choisir") would answer a
 * question nobody asked. Names that are also everyday words are left out ("make", "meet",
 * "teams", "notion", "zoom", "systeme", "threads", "premiere", "monday", "medium", "circle", "tally", "alan"), and so are Instagram and Canva: the experts'
 * own field, which a guide to Reels or to a brand palette covers without naming them.
 */
export const PLATFORM_NAMES: ReadonlySet<string> = new Set(
  `tiktok pinterest facebook linkedin youtube twitter snapchat whatsapp messenger telegram discord slack twitch
  shopify woocommerce wordpress wix squarespace webflow prestashop ovh hostinger godaddy ionos o2switch
  hubspot pipedrive salesforce mailchimp brevo sendinblue mailerlite activecampaign convertkit klaviyo sendy getresponse
  kajabi podia teachable thinkific learnybox learndash skool zapier n8n ifttt calendly acuity doctolib
  trello asana clickup airtable capcut figma photoshop lightroom davinci inshot
  stripe paypal sumup gocardless qonto quickbooks pennylane payfit chatgpt openai midjourney gemini copilot
  typeform jotform livestorm vimeo spotify deezer substack linktree`.split(/\s+/),
);

/** The platform names of `question` (folded) that none of `sourceTexts` mentions. */
export function platformsMissingFromSources(question: string, sourceTexts: readonly string[]): string[] {
  const named = [...new Set(foldFrench(question).split(/[^a-z0-9]+/).filter((word) => PLATFORM_NAMES.has(word)))];
  if (named.length === 0) return [];
  const sourceWords = new Set(sourceTexts.flatMap((text) => foldFrench(text).split(/[^a-z0-9]+/)));
  return named.filter((name) => !sourceWords.has(name));
}
