import { describe, expect, it } from 'vitest';
import { htmlReader } from './html-document-reader.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bodyOf = async (html: string) => (await htmlReader.read(utf8(html), 'kb/page.html')).body;

const siteChrome = (content: string) => `<!doctype html><html lang="fr"><head><title>Tunnels | Agence</title></head><body>
  <header class="site"><a href="/">Logo Agence</a> Appelez-nous</header>
  <nav><a href="/blog">Blog</a></nav>
  ${content}
  <aside>Articles similaires : Reels</aside>
  <div id="cookie-banner">Nous utilisons des cookies. Accepter</div>
  <div role="dialog" aria-label="Consentement">Paramétrer les traceurs</div>
  <footer>© 2026 Agence — Mentions légales</footer>
</body></html>`;
const chrome = ['Logo Agence', 'Appelez-nous', 'Blog', 'Articles similaires', 'Nous utilisons des cookies', 'Paramétrer les traceurs', 'Mentions légales'];

describe('htmlReader: the page chrome', () => {
  it('reads the <main> only when the page has one: its header, footer and asides are content', async () => {
    const body = await bodyOf(siteChrome(`<main><header><h1>Tunnels</h1><p>Le chapô du guide.</p></header>
      <p>Un tunnel de vente relie la page au paiement.</p><aside>À retenir : tester le paiement.</aside>
      <footer>Mis à jour en mars par Audrey.</footer></main>`));
    expect(body).toBe('# Tunnels\n\nLe chapô du guide.\n\nUn tunnel de vente relie la page au paiement.\n\nÀ retenir : tester le paiement.\n\nMis à jour en mars par Audrey.');
  });

  it('without <main>, drops the header, nav, aside, footer, dialogs and cookie banners around the text, and keeps those of an <article>', async () => {
    const body = await bodyOf(siteChrome(`<div class="contenu"><h1>Tunnels</h1><p>Un tunnel de vente relie la page au paiement.</p>
      <article><header><h2>Étape 1</h2></header><p>Relier Stripe.</p><footer>Par Audrey.</footer></article></div>`));
    expect(body).toBe('# Tunnels\n\nUn tunnel de vente relie la page au paiement.\n\n## Étape 1\n\nRelier Stripe.\n\nPar Audrey.');
    for (const text of chrome) expect(body).not.toContain(text);
  });

  it('drops a dialog or a consent banner even inside the content, but keeps a text about cookies', async () => {
    const body = await bodyOf(`<main><h1>Politique des cookies</h1><section class="cookie-policy"><p>Ce site dépose un cookie de mesure.</p></section>
      <dialog open>Accepter les cookies</dialog><div role="alertdialog">Session expirée</div><div class="cookies-notice">Tout accepter</div></main>`);
    expect(body).toBe('# Politique des cookies\n\nCe site dépose un cookie de mesure.');
  });

  it('keeps a text about cookie banners whose id or classes only contain such words', async () => {
    const body = await bodyOf(`<main><h1>Guide RGPD</h1><section id="cookies" class="box"><p>Demande le consentement avant les cookies de mesure.</p></section>
      <div class="cookie-consent-steps"><p>Installe Axeptio ou Tarteaucitron.</p></div><div class="note tarteaucitronAlertBig">Tout accepter</div></main>`);
    expect(body).toBe('# Guide RGPD\n\nDemande le consentement avant les cookies de mesure.\n\nInstalle Axeptio ou Tarteaucitron.');
  });

  it('reads a page whose text is all in its header rather than refusing it as empty', async () => {
    expect(await bodyOf('<body><header><h1>Notre offre</h1><p>Le programme dure 6 semaines.</p></header><nav>Blog</nav></body>')).toBe('# Notre offre\n\nLe programme dure 6 semaines.');
  });

  it('reads the whole body when the <main> is empty, rather than refusing the page', async () => {
    expect(await bodyOf('<body><main></main><div><p>Le texte hors du main.</p></div><footer>Pied</footer></body>')).toBe('Le texte hors du main.');
  });
});
