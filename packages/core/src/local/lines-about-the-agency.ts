import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A line about the agency itself, its experts or its chat ("L'agence accompagne les femmes entrepreneures du bien-être
 * (naturopathes, sophrologues…)", "Carole, experte en création de contenu : Instagram, Reels, stories, légendes, hashtags…",
 * "Le chat te répond à toute heure…"): it names every topic and every kind of visitor, so it matched content questions
 * ("quels hashtags pour une naturopathe ?" led with both, a probe of `pnpm start`, 2026-12-05) that it does not answer.
 */
const OPENS_ON_THE_AGENCY = /^(?:l agence|notre agence|audrey|carole|le chat|ce chat|l equipe|notre equipe|nos expertes|les expertes|nous accompagnons|nous proposons)\b/;

/** A question put to the agency or about it: "vous proposez…", "votre équipe", "Carole s'occupe de quoi ?", "le chat…". */
const ASKS_OF_THE_AGENCY = /\b(?:vous|votre|vos|l agence|agence|audrey|carole|chat|equipe|expertes?|you|your|agency|team)\b/;

export const opensOnTheAgency = (passage: string): boolean => OPENS_ON_THE_AGENCY.test(spacedFoldedWords(passage.replace(/^[^\p{L}]+/u, '')).trim());

export const asksOfTheAgency = (message: string): boolean => ASKS_OF_THE_AGENCY.test(spacedFoldedWords(message));
