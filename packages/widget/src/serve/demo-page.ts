/**
 * The French demo page served at `/`: a plain page that embeds the widget with
 * one `<script>` tag and data attributes, exactly as the agency's site would.
 * No inline script, so it works under the API's Content-Security-Policy.
 */
export interface DemoPageOptions {
  /** URL of the bundle, e.g. `/widget.js?v=<hash>`. */
  widgetScriptUrl: string;
  title?: string;
  primaryColor?: string;
  textColor?: string;
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character]!);
}

export function renderDemoPage(options: DemoPageOptions): string {
  const title = options.title ?? 'Une question ? On t’aide !';
  const primaryColor = options.primaryColor ?? '#8b5e83';
  const textColor = options.textColor ?? '#ffffff';
  const embedSnippet = `<script src="https://ton-domaine.example/widget.js"
        data-title="${title}"
        data-primary-color="${primaryColor}"
        data-text-color="${textColor}"
        defer></script>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Démo du chat de l’agence</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #2b2230; background: #faf7f9; }
  main { max-width: 760px; margin: 0 auto; padding: 48px 20px 120px; line-height: 1.6; }
  h1 { color: ${escapeHtml(primaryColor)}; font-size: 2rem; margin-bottom: .25em; }
  pre { background: #fff; border: 1px solid #e5dde3; border-radius: 8px; padding: 12px; overflow-x: auto; font-size: 13px; }
  .examples li { margin-bottom: .4em; }
</style>
</head>
<body>
<main>
  <h1>Ton business en ligne, accompagné</h1>
  <p>Cette page montre le widget de chat tel qu’il s’intègre sur le site de l’agence.
     Clique sur la bulle en bas à droite et pose ta question : Audrey répond sur l’automatisation,
     les tunnels de vente et l’emailing ; Carole sur Instagram, les Reels et la création de contenu.</p>
  <h2>Exemples de questions</h2>
  <ul class="examples">
    <li>Comment connecter Kajabi à mon outil d’emailing ?</li>
    <li>Quelle idée de Reel Instagram pour présenter mon accompagnement ?</li>
    <li>Je voudrais parler à une personne de l’équipe.</li>
  </ul>
  <h2>L’intégrer sur ton site</h2>
  <p>Une seule balise, avant la fin de <code>&lt;body&gt;</code> :</p>
  <pre><code>${escapeHtml(embedSnippet)}</code></pre>
  <p>Options : <code>data-api-url</code> (adresse de l’API, par défaut celle du script),
     <code>data-title</code>, <code>data-primary-color</code>, <code>data-text-color</code>,
     <code>data-v2-share</code> (0 à 100) avec <code>data-v1-url</code> pour la migration progressive.</p>
</main>
<script src="${escapeHtml(options.widgetScriptUrl)}"
        data-title="${escapeHtml(title)}"
        data-primary-color="${escapeHtml(primaryColor)}"
        data-text-color="${escapeHtml(textColor)}"
        defer></script>
</body>
</html>
`;
}
