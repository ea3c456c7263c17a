import { isOneTypoApart, spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * The plain form the escalation rules read (escalation-intent.ts): lowercase, accents folded,
 * every apostrophe and punctuation mark one space, common misspellings and SMS forms mended, and a
 * word one typo from an intent word read as it.
 */

/** Misspellings and SMS forms seen in visitors' messages, mended before matching (folded forms). */
const MENDED_SPELLINGS: ReadonlyArray<[RegExp, string]> = [
  [/\bquelqu?\s?1\b/g, 'quelqu un'],
  [/\bqqn\b|\bqq1\b|\bquelquun\b|\bqlq un\b/g, 'quelqu un'],
  [/\bveu\b|\bvx\b|(?<=\bje? |\bj)veut\b/g, 'veux'], // "je veut" only: "ma cliente veut" stays hers (CLIENT_IS_THE_SUBJECT)
  [/\bpk\b|\bpq\b/g, 'pourquoi'],
  [/\bsvp\b|\bstp\b/g, ''],
  [/\bpls\b|\bplz\b/g, 'please'],
  [/\bmdp\b/g, 'mot de passe'],
  [/\bpayer?\b(?= deux)/g, 'paye'],
  // Elisions typed without the apostrophe: "jarrive", "jai", "jveux", "jdors" (the j of "j'").
  [/\bj(?=(?:arrive|ariv\w*|ai|avais|veux|voudrais|suis|peux|aimerais|attends|exige|dors)\b)/g, 'j '],
  [/\bariv(e|es|ent|er)\b/g, 'arriv$1'],
  // "on ma prélevé", "ils mont facturé": m' typed without its apostrophe after a subject, before a participle.
  [/\b(on|il|elle|ils|elles|qui|ca|cela) ma (?=[a-z]+(?:e|es|i|is|u|us|it)\b)/g, '$1 m a '],
  [/\b(ils|elles|vous|qui) m(ont|avez)\b/g, '$1 m $2'],
  [/\bpersone\b|\bpersonnne\b/g, 'personne'],
  [/\bhumai\b|\bumain\b/g, 'humain'],
  [/\bremboursemen\b|\bremboursment\b|\bremboursemnt\b|\brembourssement\b|\brenboursement\b|\bremboursemant\b/g, 'remboursement'],
  [/\brenbours/g, 'rembours'],
  [/\bfacturre\b|\bfactur\b/g, 'facture'],
  [/\bprelev[eé]?\b/g, 'preleve'],
  [/\bdonees\b|\bdonnes\b|\bdonnee\b/g, 'donnees'],
  [/\bconecter\b|\bconnecte\b/g, 'connecter'],
  [/\bacess?\b|\baccees\b/g, 'acces'],
  [/\bpb\b|\bprob\b/g, 'probleme'],
  // "marche pa", "fonctionne pa": the s dropped in phonetic spelling.
  [/\b(marche|fonctionne|peux|arrive) pa\b/g, '$1 pas'],
  [/\btjrs?\b|\btoujour\b/g, 'toujours'],
];

/**
 * Words of the intent patterns; a word of the message one typo away from one of them (same first
 * letter, 5 letters or more) is read as it ("anuler" → "annuler", "abonement" → "abonnement").
 */
const INTENT_WORDS: readonly string[] = `annuler abonnement rappeler rappelez rembourser remboursement remboursee prelevement prelevee
  facture facturation facturee donnees supprimer supprimez effacer resilier connecter humain personne conseiller
  reclamation arnaque avocat probleme paiement bloque bloquee identifiants commande`.split(/\s+/);
/**
 * Words one typo from an intent word that are words of their own (left as they are). "rappelée" is no "rappeler": mended, "je
 * veux être rappelée" lost the "être rappelée" a request for a person is read by, and was answered by Audrey for its
 * "rappel" (a probe of `pnpm start`, 2026-12-05).
 */
const NOT_TYPOS: ReadonlySet<string> = new Set(['human', 'humains', 'personnel', 'personnes', 'commander', 'commandes', 'prelever', 'facturer', 'rappele', 'rappelee', 'rappeles', 'rappelees']);

const mendTypo = (word: string): string =>
  word.length < 5 || INTENT_WORDS.includes(word) || NOT_TYPOS.has(word)
    ? word
    : (INTENT_WORDS.find((intentWord) => intentWord[0] === word[0] && isOneTypoApart(word, intentWord)) ?? word);

export function plainIntentText(message: string): string {
  let text = spacedFoldedWords(message);
  for (const [pattern, replacement] of MENDED_SPELLINGS) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').split(' ').map(mendTypo).join(' ');
}
