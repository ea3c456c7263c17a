import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../french-text/french-text.ts';
import { parseFrontMatter } from '../knowledge/front-matter.ts';
import { detectEscalationIntent, plainIntentText } from './escalation-intent.ts';
import { KeywordRouter } from './keyword-router.ts';

const router = new KeywordRouter();
const route = (message: string) => router.decide({ message, history: [] });

describe('escalation by intent, not by words (the three examples of the issue)', () => {
  it('answers a how-to that mentions an invoice and a payment (Audrey)', () => {
    const decision = route('Comment générer automatiquement une facture quand un paiement Stripe passe ?');
    expect(decision).toMatchObject({ kind: 'answer', agent: 'audrey' });
  });

  it('hands a refund asked in English to a person (billing)', () => {
    expect(route('I want my money back for the course')).toMatchObject({ kind: 'escalate', agent: 'escalate', category: 'billing' });
  });

  it('hands a data-access request to a person (personal data)', () => {
    expect(route('Pouvez-vous m’envoyer une copie des données que vous avez sur moi ?')).toMatchObject({
      kind: 'escalate',
      category: 'personal_data',
    });
  });
});

describe('detectEscalationIntent', () => {
  it.each([
    ['Je veux parler à quelqu’un de l’équipe', 'human'],
    ['can i talk to a real person please', 'human'],
    ['jveux etre rembourser svp', 'billing'],
    // The agency's session link, photographer or deliverables (a probe's knowledge base of restaurants).
    ['le lien google meet de ma séance de 14h ne marche pas', 'account'],
    ['Thomas devait venir pour le shooting ce matin et personne n’est venu', 'complaint'],
    ['Je n’ai pas reçu mes 8 visuels du mois, c’est la 2e fois', 'complaint'],
    ['On m’a prélevé deux fois ce mois-ci', 'billing'],
    ['I was charged twice for the program', 'billing'],
    ['Je voudrais annuler mon abonnement', 'billing'],
    ['Je n’arrive plus à me connecter à mon espace membre, compte bloqué', 'account'],
    ['I cant log in to my account since yesterday', 'account'],
    ['Supprimez toutes mes données personnelles', 'personal_data'],
    // A request that also asks about the rules is still a request.
    ['Supprimez mes données, c’est quoi le délai ?', 'personal_data'],
    ['Je veux une copie de mes données personnelles, dans quel délai ?', 'personal_data'],
    ['Je demande la suppression de mes données personnelles, quel est le délai ?', 'personal_data'],
    ['Dans quel délai pouvez-vous m’envoyer mes données ?', 'personal_data'],
    ['Je voudrais récupérer mes données, dans quel délai ?', 'personal_data'],
    ['Pouvez-vous corriger mes coordonnées ? Quel délai ?', 'personal_data'],
    ['Je souhaite la portabilité de mes données, dans quel délai ?', 'personal_data'],
    ['Mes données personnelles ont fuité ? Depuis combien de temps ?', 'personal_data'],
    ['Is there a way to get a copy of my data?', 'personal_data'],
    ['What is your process to access my personal data?', 'personal_data'],
    // A visitor who is the agency's client speaks for herself: "une cliente, je veux…" is not "ma cliente veut…".
    ['Je suis une cliente, je veux être remboursée', 'billing'],
    ['Je suis un client, je veux annuler mon abonnement et être remboursé', 'billing'],
    ['je veut etre rembourse', 'billing'],
    ['please delete my account and my data', 'personal_data'],
    ['Votre service est lamentable, personne ne me répond', 'complaint'],
    ['Je vais contacter mon avocat', 'legal'],
    ['im going to sue you', 'legal'],
    ["j'en ai marre de vous relancer, personne ne répond", 'complaint'],
    ["j'en ai marre de votre formation, comment je me fais rembourser ?", 'complaint'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    // Fed up with a chore of their own, asking how to be rid of it: a question, not a grievance.
    "je suis sophrologue et j'en ai marre des allers retours par sms pour caler les rdv, vous conseillez quoi ?",
    'ras le bol des relances manuelles, comment automatiser ?',
    'Comment générer automatiquement une facture quand un paiement Stripe passe ?',
    'Quelle est votre politique de remboursement ?',
    // A question about how the agency keeps data asks for nothing: the knowledge base answers it.
    'Vous gardez mes données combien de temps ?',
    'Quelle est votre politique pour mes données personnelles ?',
    'how long do you keep my data?',
    'Où sont stockées mes données personnelles ?',
    'Mon post n’est pas bon, comment l’améliorer ?',
    'Comment gérer les remboursements de mes clientes dans Systeme.io ?',
    'Comment répondre à une cliente mécontente en commentaire ?',
    // "veut" is mended into "veux" before the rules run: the client is still the subject.
    'Ma cliente veut être remboursée de sa séance de naturopathie, je fais comment ?',
    'Comment rendre mon formulaire d’inscription conforme au RGPD ?',
    'Comment rappeler automatiquement leur rendez-vous à mes clientes ?',
    'Quel prix pour mon ebook ?',
    'Comment créer un espace membre pour mes clientes sur Kajabi ?',
    'how do i send an invoice automatically when someone pays?',
    'Comment parler à ma communauté en story ?',
    'J’ai filmé mon Reel avec mon téléphone, comment le monter ?',
    // French words that are English escalation words, or a word that needs its context.
    'Comment faire un post court pour annoncer mes disponibilités ?',
    'Je préfère un formulaire court avec juste le prénom et l’email',
    'comment activer le double opt-in ?',
    'Comment proposer le paiement en 2 fois sur ma page de vente ?',
    'J’ai peur de passer pour une arnaqueuse quand je parle de mes prix en story, des conseils ?',
    'je veux proposer une réduction à mes abonnées pour le black friday',
    'ma story avec le sticker question n’a eu aucune réponse 😔',
    'Est-ce que je dois poster deux fois par jour ?',
    'how do I post twice a day without burning out?',
    'Une connexion expirée casse mon zap, je la reconnecte comment ?',
    'Je prépare un webinaire sur le sommeil sans médicament, quel titre ?',
    // A platform's account is the visitor's own tool; a phone appointment with one's own clients is a how-to.
    'mon compte instagram est bloqué pour une action, je fais quoi ?',
    'Comment proposer des rdv téléphone à mes clientes avec Calendly ?',
    'how do I get a human design reading into my content?',
    // What the chat itself does is a policy question, answered from the knowledge base.
    'Le chat peut-il me donner un avis juridique ou comptable ?',
    'can the bot give me tax advice?',
    // The visitor's own tools, suppliers and events.
    'comment configurer google meet pour mes séances ?',
    'je n’ai pas reçu les visuels de mon graphiste, je fais comment ?',
    'j’organise une soirée jazz, le groupe devait venir à 20 h et personne n’est venu à mon événement ?',
    'je n’ai pas reçu de commandes ce mois-ci, une idée ?',
  ])('answers the how-to: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

describe('the how-to texts of the experts read as how-to, not as escalations', () => {
  // Every sentence of Audrey's and Carole's documents (sample knowledge base, development set, the
  // other knowledge base): each is written like an expert's answer and names tools, forms, payments
  // or connections in passing.
  const folders = [
    new URL('../../../../knowledge-base/', import.meta.url),
    new URL('../evaluation/development-set/kb/', import.meta.url),
    new URL('../evaluation/other-knowledge-base/kb/', import.meta.url),
  ];
  const expertSentences = folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) => {
        const { frontMatter, body } = parseFrontMatter(readFileSync(new URL(file, folder), 'utf8'), file);
        return frontMatter.agent_owner === 'shared' ? [] : splitSentences(body).map((sentence) => `${file}: ${sentence}`);
      }),
  );

  it('has a few hundred sentences to read', () => {
    expect(expertSentences.length).toBeGreaterThan(150);
  });

  it('escalates none of them', () => {
    const escalated = expertSentences.filter((line) => detectEscalationIntent(line.slice(line.indexOf(': ') + 2)) !== null);
    expect(escalated).toEqual([]);
  });
});

describe('mended spellings', () => {
  it.each([
    ['jarrive pas a me connecter depuis hier', 'account'],
    ['jai ete debitee deux fois', 'billing'],
    ['Ça fait 3 semaines que j’attends ma facture', 'billing'],
    ['still waiting for my refund', 'billing'],
    ['il y a un prélèvement en double sur mon relevé', 'billing'],
    ['le paiement est passé deux fois sur ma carte', 'billing'],
    ['my payment went through twice', 'billing'],
    ['jveux qu on me rembourse', 'billing'],
    ['je veux anuler mon abonement', 'billing'],
    ['pouvez vous me rapeler', 'human'],
    ['vous m avez facturé un truc que j ai pas commandé', 'billing'],
    ['je voudrais me désinscrire du programme et arrêter les paiements', 'billing'],
    ['c est possible d avoir un rdv tel avec audrey ?', 'human'],
    ['je souhaite parler à Carole directement', 'human'],
    ['i need a human', 'human'],
    ['vous avez quoi comme info sur moi ?', 'personal_data'],
    ['my account got hacked', 'account'],
    ['j’ai payé mais je n’ai reçu aucun accès', 'account'],
    ['si ça continue on se verra in court, I will take you to court', 'legal'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });
});

describe('a problem or request about the visitor’s own money or access, however it is worded', () => {
  it.each([
    ['il y a une erreur dans le montant prélevé ce mois ci', 'billing'],
    ['Bonjour, j’ai une question sur ma facture de novembre, le montant n’est pas bon', 'billing'],
    ['le prélèvement de ce mois n’est pas juste', 'billing'],
    ['why was I charged 97€ this morning?', 'billing'],
    ['ma carte bancaire a été débitée alors que j’ai annulé', 'billing'],
    ['j’ai besoin d’une facture au nom de ma société pour ma compta', 'billing'],
    ['jai pas reçu mes identifiants pour la formation', 'account'],
    ['vous pouvez changer l’adresse mail de mon compte ?', 'account'],
    ['vous pouvez m’envoyer le récapitulatif de tout ce que j’ai payé cette année ?', 'billing'],
    ['je souhaiterais arrêter et récupérer une partie de ce que j’ai payé', 'billing'],
    ['est-ce que je peux payer l’accompagnement en plusieurs fois ?', 'billing'],
    ['je voudrais parler à un responsable', 'human'],
    ['vous êtes des escrocs', 'complaint'],
    ['vous avez encaissé deux fois mon chèque', 'billing'],
    ['je souhaiterais que vous m’appeliez', 'human'],
    ['Je n’ai jamais eu accès au groupe privé promis', 'account'],
    ['j’ai un litige avec vous', 'complaint'],
    ['Y a-t-il quelqu’un de disponible pour discuter maintenant ?', 'human'],
    ['I was promised a 1:1 session and nobody has contacted me', 'complaint'],
    ['pls delete everything you have on me', 'personal_data'],
    ['Je souhaite être recontactée par téléphone', 'human'],
    ['je veux une réduction, j’ai des difficultés financières en ce moment', 'billing'],
    ['je veux que tu me passes quelqu’un de chez vous', 'human'],
    ['Est-ce que quelqu’un de l’équipe pourrait regarder mon tunnel avec moi en visio ?', 'human'],
    ['je souhaite mettre en pause mon accompagnement pendant mon congé maternité, c’est possible ?', 'billing'],
    ['Merci de ne plus m’envoyer de mails et de supprimer mon adresse de vos fichiers', 'personal_data'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    'Mon lien de paiement ne marche pas sur ma page de vente, pourquoi ?',
    'pourquoi mes factures ne partent pas automatiquement ?',
    'le montant affiché sur mon bon de commande est faux, je change ça où ?',
    'mon mot de passe wordpress ne marche plus, tu sais comment faire ?',
    'J’ai une cliente qui demande un remboursement, je dois accepter ?',
    'je veux proposer un paiement en 3 fois pour mon programme',
  ])('answers the question about the visitor’s own business or tools: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

describe('questions the knowledge base answers are not handed over', () => {
  // Every question of the harder retrieval sets has a document that answers it (policy questions included).
  const questions = ['retrieval.jsonl', 'retrieval-held-out.jsonl'].flatMap((file) =>
    readFileSync(new URL(`../evaluation/harder-set/${file}`, import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { q: string }).q),
  );

  it('escalates none of the 48', () => {
    expect(questions).toHaveLength(48);
    expect(questions.filter((question) => detectEscalationIntent(question) !== null)).toEqual([]);
  });
});

describe('blind round 7: spellings, a client who cannot log in, an audience that does not answer', () => {
  it('mends the SMS forms of "toujours" and leaves verbs one letter from an intent word as they are', () => {
    expect(plainIntentText('tjr pas de réponse, tjrs rien')).toBe(' toujours pas de reponse toujours rien ');
    expect(plainIntentText('Arrêtez de me prélever')).toBe(' arretez de me prelever ');
    expect(plainIntentText('comment facturer mes clientes')).toBe(' comment facturer mes clientes ');
  });

  it.each([
    "Ma cliente n'arrive pas à se connecter à son espace membre sur Kajabi, que vérifier ?",
    "Ma cliente n'arrive plus à accéder à son espace membre Podia",
    'Une abonnée n’arrive pas à se connecter à ma formation, je fais quoi ?',
    "ça fait 3 fois que je poste et toujours pas de réponse de mon audience",
    'toujours pas de réponse de mes prospects après mon appel découverte, je relance comment ?',
    'no reply from my subscribers to my last email, is it normal?',
  ])('answers: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    ["Je n'arrive pas à me connecter à mon espace membre", 'account'],
    ['impossible de me connecter a mon espace membre depuis ce matin', 'account'],
    ['ca fait 10 jours et toujours pas de réponse de votre part', 'complaint'],
    ['tjr pas de reponse a mon mail de lundi, c est pas serieux', 'complaint'],
  ])('still hands over: %s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });
});

// Review of blind rounds 7 and 8 (M1): the audience is vetoed only as the subject of talking to a person.
describe('a request for a person that mentions the visitor’s audience', () => {
  it.each([
    "Je veux parler à quelqu'un de l'équipe, mes clientes ne peuvent pas voir la vidéo de votre masterclass",
    "J'aimerais parler à un humain, mes abonnés ne voient pas le lien que vous m'avez donné",
    'I want to talk to a real person, my students cannot see the replay you sent',
  ])('hands over: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('human');
    expect(route(message).kind).toBe('escalate');
  });

  it.each([
    "I want my followers to feel they're talking to a real person, how do I write like that?",
    'Je veux que mes clientes pensent parler à un humain quand elles lisent mes DM',
    'Comment faire pour que mes abonnées sentent qu’elles parlent à une vraie personne ?',
  ])('answers: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });
});
