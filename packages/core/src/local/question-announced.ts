import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A question announced, not yet asked ("j'ai une question", "petite question", "je peux te poser une question ?", "quick
 * question"), a greeting before it allowed: the clarifying question asks what it is about, also in a conversation under way
 * (a probe of `pnpm start`, 2026-12-05: after "bonjour", "j'ai une question" was taken for a follow-up of the greeting's
 * expert and answered from the onboarding guide's "Note tes questions au fur et à mesure…"). Not one that says what about
 * ("j'ai une question sur Kajabi").
 */
const ONLY_A_QUESTION_ANNOUNCED = new RegExp(
  String.raw`^ (?:(?:bonjour|bonsoir|salut|slt|coucou|hello|hi|hey|re|rebonjour|alors|bon|et|euh|ok|merci|sinon|dis moi|dites moi|audrey|carole) )*(?:(?:j ai|jai|j aurais|j avais) (?:une |encore une |juste une |une petite |une autre |deux |quelques |des |2 )?(?:petites? )?questions?|(?:une |encore une |juste une |petite |autre |une petite |une autre )questions?|(?:je peux|puis je|est ce que je peux|je voudrais|j aimerais)(?: te| vous)? poser (?:une |quelques |des |2 |deux |une autre |une petite )?(?:petites? )?questions?|(?:can i|may i|could i) ask (?:you )?(?:a |some |another )?(?:quick )?questions?|(?:i have|i ve got|i got) (?:a |some |one |another )?(?:quick )?questions?|quick question)(?: (?:svp|stp|s il te plait|s il vous plait|rapide|rapidement|vite fait|please|pls|encore|aussi))* $`,
);

export const announcesAQuestion = (message: string): boolean => ONLY_A_QUESTION_ANNOUNCED.test(spacedFoldedWords(message));
