/**
 * Violence or control by the visitor's partner, said in the first person (blind round 16: "Mon mari contrôle tous mes
 * comptes et tout mon argent, je ne sais plus quoi faire" was handed over as a billing question, its reply opening on
 * payments). Such a message is handed to a person and its reply first gives where to get help now (urgent-help.ts).
 * Run on urgent-help.ts's folded form (accents removed, a clause mark kept as a " , " token).
 *
 * A partner who handles the visitor's tools is not control ("mon mari contrôle mes comptes Instagram pendant mes
 * vacances", "mon compagnon gère mes comptes"): only money, cards, papers, or all of the visitor's accounts count.
 */

/** The visitor's partner, or former partner. */
/**
 * A role of work after "ex" or "partenaire" names someone of the visitor's business, not a partner ("mon ex-client me harcèle
 * en DM", "mon ex-employeur me menace", "mon partenaire commercial contrôle mes dépenses publicitaires", "mon partenaire
 * d'affiliation bloque mon argent"): their messages are questions of the visitor's work, a dispute at most, not the 3919's.
 */
const WORK_ROLE = String.raw`(?:clientes?|clients?|abonnee?s?|associee?s?|employeur|employeuse|patron(?:ne)?|collegues?|collaborat\w+|assistante?|salariee?|stagiaire|graphiste|coach|eleve|prestataire|agence|boss|manager|cheffe?|partenaire|membre|amie?|monteuse|monteur)`;
const PARTNER = String.raw`(?:mon|ma)(?: ancien| ancienne)? (?:mari|conjoint|conjointe|compagnon|compagne|copain|copine|mec|homme(?! (?:de|d|a tout faire)\b)|cheri|cherie|partenaire(?! (?:commercia\w*|business|pro\w*|d|du|des|de (?!vie)))|concubin|concubine|femme(?! de (?:menage|chambre))|ex(?: mari| conjoint| compagnon| conjointe| compagne)?(?! ${WORK_ROLE}\b))`;
/**
 * Money that is the business's, or spent on it ("contrôle mes dépenses publicitaires", "mes dépenses de pub", "m'a pris ma
 * carte bleue pour payer l'abonnement Kajabi", "contrôle mes dépenses pour l'entreprise"): a partner helping with the
 * visitor's accounts, as the platforms named after them are.
 */
const FOR_THE_BUSINESS = String.raw`(?: (?:publicitaires?|de (?:pub|publicite)\w*|d entreprise|de l entreprise|pour l entreprise|de (?:mon|ma|la) (?:entreprise|business|boite|activite|micro entreprise)|pour (?:payer|regler|l abonnement|mon abonnement|l entreprise|mon entreprise|mon business|ma boite|la boite|mon activite)))`;
/** A set time of the week or day ("m'empêche de travailler le dimanche"): a household's rule, not confinement. */
const NOT_A_SET_TIME = String.raw`(?! (?:le|les) (?:dimanches?|samedis?|soirs?|week ends?|weekends?|matins?|nuits?)\b| la nuit\b| le soir\b| apres \d| avant \d| pendant (?:les|mes|nos) (?:vacances|weekends?|week ends?))`;
/**
 * What the partner proposes, as what "fait peur" ("Mon mari me fait peur avec ses idées de Reels 😅": a joke about a partner's
 * ideas for the visitor's content opened with the 3919; "quand il parle de mettre notre épargne dans la pub"). The proposal is
 * named with what it is about ("idées de Reels", "projets de lancement"): bare ("avec ses idées") or about the visitor ("ses
 * projets de me prendre les enfants", "ses plans pour me faire taire", "ses idées noires") it stays fear of the partner, and so
 * does a message that goes on to blows, threats or weapons ("ses idées , il dit qu il va me tuer si je pars"). Their behaviour
 * stays fear of them ("me fait peur avec ses colères", "quand il boit", "me fait peur" alone).
 */
const PROPOSAL = String.raw`(?:avec (?:ses|son|sa|toutes ses|tous ses) (?:idees?|projets?|plans?|propositions?|suggestions?|envies?|delires?|lubies?|trucs?|concepts?|choregraphies?|blagues?|questions?|theories?|conseils?|reflexions?|ambitions?|previsions?|objectifs?|investissements?|budgets?)|quand (?:il|elle) (?:me )?parle)`;
const ABOUT_ME_OR_HARM = String.raw`(?:me|m|moi|nous|te|t|se|s)\b|.*\b(?:tuer|tue|frapp\w*|cogn\w*|menac\w*|violen\w*|couteau|armes?|fusil|enferm\w*|faire du mal|faire taire|taper|battre|bat|etrangl\w*)\b`;
const NOT_A_PROPOSAL = String.raw`(?! ${PROPOSAL} (?:de|d|du|des|pour|sur|en|a|au|aux) (?!${ABOUT_ME_OR_HARM}))`;
/**
 * Threats or insults sent in writing, and a false account in the visitor's name ("Mon ex m'envoie des messages menaçants sur
 * Instagram et il a créé un faux compte avec mes photos", blind round 18: answered as an Instagram question). Only from the
 * partner (PARTNER_HARMS_ME): "une cliente m'envoie des messages menaçants" is not the 3919's. Review of round 18: sent, left
 * or flooded, and in the infinitive ("me bombarde de messages menaçants", "me laisse des messages vocaux menaçants", "continue
 * de m'écrire des messages horribles et menaçants", "m'a envoyé des dizaines de messages de menaces"); one false account or
 * several, with the visitor's photo or name ("a ouvert un faux compte avec ma photo"), not one made for the visitor ("m'a
 * fait un faux compte avec mes photos pour tester"); a threat to publish the visitor's photos ("menace de publier mes photos").
 */
const SENDS_ME = String.raw`(?:m (?:envoie|envoyait|a envoye|envoyer|ecrit|ecrivait|a ecrit|ecrire|inonde|inondait|a inonde)|me (?:bombarde|bombardait|a bombardee?|spamme|harcele)|me (?:laisse|laissait|a laisse) (?:des|de|plein de))`;
/** What carries the threat: "des dizaines de messages de menaces", "des messages horribles et menaçants", "des vocaux menaçants". */
const WRITINGS = String.raw`(?:messages?|msg|sms|textos?|mails?|e mails?|vocaux|messages vocaux|dm|mp|lettres?|courriers?|choses|trucs|horreurs)`;
/**
 * The threats themselves sent ("m'envoie des menaces de mort"), or writings that carry them: not content about threats or
 * insults ("mon copain m'envoie des légendes insultantes pour Halloween", "des idées de réponses aux commentaires insultants");
 * comments only left or written by the partner ("me laisse des commentaires insultants"), not forwarded ("m'a envoyé des
 * commentaires insultants qu'il a vus sous mon reel").
 */
const THREATS_SENT = String.raw`${SENDS_ME} (?:des |plein de |encore des |que des |sans arret des )?(?:menaces?|insultes?)|(?:me (?:laisse|laissait|a laisse)|m (?:ecrit|a ecrit|ecrivait)) (?:des |plein de )?commentaires (?:menac\w*|insult\w*)|${SENDS_ME}(?: \S+){0,3} ${WRITINGS}(?: \S+){0,3} (?:menac\w*|insult\w*|de menaces?|d insultes?)|(?<!\bm (?:a )?)(?:a cree|cree|a ouvert|ouvre|a fait|fait) (?:un |des |plusieurs |deux |trois |\d+ )?faux (?:comptes?|profils?)(?: \S+){0,3} (?:avec|a|sous) (?:mes|mon|ma) (?:photos?|nom|identite|visage|prenom)|menace de (?:publier|diffuser|poster|balancer|envoyer|partager|montrer) (?:mes|des) (?:photos|videos|nudes)`;
/**
 * Insults said as names given ("il me traite de tous les noms", "me traite de grosse et de bonne à rien") and revenge threatened
 * ("il va me faire payer", "me le fera payer", "tu vas me le payer", "je vais le payer cher"), or being treated as nothing
 * ("me traite comme une moins que rien"), review of round 18: the clarifying
 * question. Not a teasing name ("me traite de geek"), nor a price ("va me faire payer l'abonnement Kajabi": the revenge stands
 * alone, or before a condition or a time).
 */
const INSULTED_AS = String.raw`me trait(?:e|ait|ent) (?:de |d )(?:tous les noms|noms d oiseaux|(?:grosse|folle|nulle|conne|connasse|pute|salope|chienne|idiote|incapable|bonne a rien|moins que rien|merde|tare|taree|debile|hysterique|mauvaise mere|menteuse|putain|garce|pouffiasse|grognasse|rien)\b)`;
const REVENGE = String.raw`(?:va|vas|allait|ira|veut|voulait|vais) me (?:le )?faire (?:payer|regretter)(?= , | si | quand | un jour| cher| tot ou tard| parce|\s*$)|me le (?:fera|ferait|fais|faire|fait) (?:payer|regretter)|(?:tu vas|tu va|t vas|vas) me le payer|(?:je vais|j vais|j allais|tu vas|tu allais|elle va) le payer (?:cher|tres cher)|me traite (?:comme|pire qu) (?:une |un |de la |du )?(?:moins que rien|merde|chienne|chien|esclave|bonne|servante|rien|dechet|poubelle|serpilliere|paillasson)`;
/** What the partner does to the visitor: blows, threats, confinement, or control of their money and papers. */
const HARM = String.raw`(?:${INSULTED_AS}|${REVENGE}|me (?:frappe|frappait|bat|battait|menace|menacait|viole|violait|etrangle|enferme|enfermait|harcele|insulte|humilie|terrorise|fait peur${NOT_A_PROPOSAL}|gifle|giflait|cogne|tape dessus|crie dessus|hurle dessus|rabaisse|surveille|espionne|prive (?:d argent|de mon argent|de tout|de sortir|de voir|de mes))|(?:est|devient|etait|peut etre) violente?|${THREATS_SENT}|lit (?:tous )?mes (?:messages|sms|mails)|fouille (?:mon telephone|mes messages)|m (?:a (?:frappee?|battue?|menacee?|violee?|etranglee?|enfermee?|giflee?|cognee?|poussee?)|enferme|insulte|humilie|oblige a (?:lui (?:donner|verser|reverser|rendre)|rester|arreter)|(?:empeche|interdit) de (?:sortir|voir|travailler|parler|avoir)${NOT_A_SET_TIME})|(?:controle|confisque|me confisque|me prend|m a pris|bloque) (?:tout mon argent|tous mes comptes|mon argent|ma carte(?: bancaire| bleue|(?! bancaire| bleue))|mes cartes|mes papiers|mon salaire|mes revenus|mes depenses|mon passeport)(?! (?:instagram|insta|facebook|tiktok|linkedin|pinterest|youtube|pro|professionnels?|clients?|google|kajabi|canva|stripe|paypal|systeme|meta|ads))(?!${FOR_THE_BUSINESS})\b)`;
const PARTNER_HARMS_ME = new RegExp(String.raw`\b${PARTNER} (?:\S+ ){0,5}${HARM}`);
/** Revenge said through what the partner said ("mon ex… il m'a dit qu'il allait me faire payer"): a longer reach. */
const PARTNER_THREATENS_REVENGE = new RegExp(String.raw`\b${PARTNER} (?:\S+ ){0,10}(?:${REVENGE})`);
/**
 * The same in English ("my ex keeps sending me threatening messages on instagram", review of round 18: answered by Carole):
 * blows, threats, insults sent, a false account; not a partner of the business ("my business partner threatens to leave").
 */
const PARTNER_HARMS_ME_IN_ENGLISH = new RegExp(String.raw`\bmy (?:ex|ex husband|ex boyfriend|ex girlfriend|ex wife|ex partner|husband|boyfriend|girlfriend|wife|partner)(?! (?:business|client|boss|colleague|associate)\b)(?: \S+){0,5} (?:hits? me|beats? me|hurts? me|threaten\w* (?:me|to (?:kill|hurt|hit|post|publish|leak))|(?:sends?|sending|sent|texts?|texting|leaves?|leaving|left) me (?:\S+ ){0,2}(?:threat\w*|insults?|insulting)|(?:made|created|opened) (?:a |several )?fake (?:accounts?|profiles?))`);
/** Said of oneself plainly: "je subis des violences conjugales", "je suis victime de violences". */
const VICTIM = new RegExp(String.raw`\b(?:(?:je (?:subis|vis|subissais)|je suis victime de) (?:des )?violences? (?:conjugales?|domestiques?|economiques?|physiques?|psychologiques?)?|j ai peur de ${PARTNER}\b)`);

/** Whether the folded message tells of the visitor's partner's violence or control. */
export const speaksOfPartnerViolence = (folded: string): boolean =>
  PARTNER_HARMS_ME.test(folded) || PARTNER_THREATENS_REVENGE.test(folded) || PARTNER_HARMS_ME_IN_ENGLISH.test(folded) || VICTIM.test(folded);
