// The owner's dashboard page: reads /admin/stats (same origin, the browser resends the admin
// credentials) and draws the checklist, the figures, four charts and the live queue; refreshes
// itself every 30 seconds. Text is set with textContent only (never HTML from data).
'use strict';

(() => {
  const REFRESH_MS = 30_000;
  const RANGES = ['24h', '7d', '30d'];
  const AGENTS = [
    { key: 'audrey', label: 'Audrey', color: '#2563eb' },
    { key: 'carole', label: 'Carole', color: '#db2777' },
    { key: 'escalate', label: 'Escalade (message automatique)', color: '#6b7280' },
  ];
  const TEAM = [
    { key: 'taken_over_conversations', label: 'conversations prises en main', color: '#0f766e' },
    { key: 'operator_replies', label: 'réponses de l’équipe', color: '#c2410c' },
  ];
  const PROVIDER_COLORS = { openrouter: '#7c3aed', openai: '#10a37f', cohere: '#f59e0b' };
  const FALLBACK_COLORS = ['#0891b2', '#65a30d', '#9333ea', '#ea580c'];

  const requested = new URLSearchParams(location.search).get('range');
  const range = RANGES.includes(requested) ? requested : '24h';
  const integer = new Intl.NumberFormat('fr-FR');
  const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  const usd = (value) => `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: value < 1 ? 4 : 2 }).format(value)} $`;
  const percent = (value) => (value === null ? '—' : `${oneDecimal.format(value * 100)} %`);
  const seconds = (milliseconds) => (milliseconds === null ? '—' : `${oneDecimal.format(milliseconds / 1000)} s`);
  const byId = (id) => document.getElementById(id);
  // The days of every chart are the agency's (DASHBOARD_TIME_ZONE, sent as time_zone): said beside each title.
  const zoneName = (zone) => (zone === 'Europe/Paris' ? 'heure de Paris' : `fuseau ${zone}`);

  for (const link of document.querySelectorAll('nav.ranges a')) {
    link.setAttribute('aria-current', String(link.dataset.range === range));
  }

  function renderChecklist(items) {
    const list = byId('checklist');
    list.replaceChildren();
    for (const item of items) {
      const entry = document.createElement('li');
      entry.className = 'check';
      entry.dataset.checkId = item.id;
      entry.dataset.status = item.status;
      const light = document.createElement('span');
      light.className = 'light';
      light.setAttribute('role', 'img');
      light.setAttribute('aria-label', { green: 'vert', orange: 'orange', red: 'rouge', unknown: 'sans donnée' }[item.status]);
      const text = document.createElement('div');
      const label = document.createElement('strong');
      label.textContent = item.label;
      const value = document.createElement('span');
      value.textContent = item.value;
      const target = document.createElement('small');
      target.textContent = ` · objectif : ${item.target}`;
      text.append(label, value, target);
      entry.append(light, text);
      list.appendChild(entry);
    }
  }

  function renderFigures(container, figures) {
    container.replaceChildren();
    for (const [name, label, value, detail] of figures) {
      const box = document.createElement('div');
      box.dataset.figure = name;
      const term = document.createElement('dt');
      term.textContent = label;
      const description = document.createElement('dd');
      description.textContent = value;
      if (detail) {
        const note = document.createElement('small');
        note.textContent = detail;
        description.appendChild(note);
      }
      box.append(term, description);
      container.appendChild(box);
    }
  }

  function renderCharts(stats) {
    LacCharts.stackedBars(byId('chart-messages'), {
      title: 'Réponses par jour et par agent',
      rows: stats.messages.per_day.map((row) => ({ day: row.day, values: row })),
      series: AGENTS,
      formatValue: (value) => integer.format(Math.round(value)),
      counts: true,
    });
    LacCharts.lines(byId('chart-team'), {
      title: 'L’équipe par jour : conversations prises en main et réponses envoyées',
      rows: stats.team.per_day.map((row) => ({ day: row.day, values: row })),
      series: TEAM,
      formatValue: (value) => integer.format(Math.round(value)),
      counts: true,
    });
    LacCharts.lines(byId('chart-answer-time'), {
      title: 'Temps de réponse par jour (médiane et p95)',
      rows: stats.answer_time.per_day.map((row) => ({ day: row.day, values: { p50: row.p50_ms, p95: row.p95_ms } })),
      series: [
        { key: 'p50', label: 'médiane', color: '#2563eb' },
        { key: 'p95', label: 'p95', color: '#7c3aed' },
      ],
      formatValue: seconds,
      limit: { value: 5000, label: 'objectif 5 s' },
    });
    const providers = Object.keys(stats.cost.by_provider).sort();
    LacCharts.stackedBars(byId('chart-cost'), {
      title: 'Coût par jour et par fournisseur',
      rows: stats.cost.per_day.map((row) => ({ day: row.day, values: row.providers })),
      series: providers.map((provider, index) => ({
        key: provider,
        label: provider,
        color: PROVIDER_COLORS[provider] || FALLBACK_COLORS[index % FALLBACK_COLORS.length],
      })),
      formatValue: usd,
      limit: { value: stats.cost.daily_budget_usd, label: `budget ${usd(stats.cost.daily_budget_usd)} / jour` },
    });
    for (const chart of document.querySelectorAll('[data-chart]')) chart.dataset.ready = 'true';
  }

  function renderLive(live) {
    renderFigures(byId('live'), [
      ['queue-waiting', 'En attente', integer.format(live.queue.waiting + live.queue.prioritized)],
      ['queue-delayed', 'Différés (nouvel essai)', integer.format(live.queue.delayed)],
      ['queue-active', 'En cours', integer.format(live.queue.active)],
      ['queue-failed', 'Échoués (conservés)', integer.format(live.queue.failed)],
      ['workers', 'Workers actifs', integer.format(live.workers_seen)],
    ]);
    const body = byId('circuits').tBodies[0];
    body.replaceChildren();
    const states = { closed: 'fermé (normal)', half_open: 'semi-ouvert (essai)', open: 'ouvert (coupé)' };
    for (const circuit of live.circuits) {
      const row = body.insertRow();
      row.dataset.circuit = circuit.name;
      row.insertCell().textContent = circuit.name;
      const state = row.insertCell();
      state.textContent = states[circuit.state];
      state.className = `state-${circuit.state}`;
      row.insertCell().textContent = circuit.worker;
    }
    if (live.circuits.length === 0) body.insertRow().insertCell().textContent = 'Aucun circuit publié (mode local ou aucun worker).';
  }

  /** `agent`'s share of the two agents' answers, or null without any. */
  function agentShare(stats, agent) {
    const both = stats.agents.audrey.answers + stats.agents.carole.answers;
    return both === 0 ? null : stats.agents[agent].answers / both;
  }

  /** The tile's note of `agent`'s share; none without any answer of theirs ("— des réponses…" read as a typo). */
  function shareDetail(stats, agent) {
    const share = agentShare(stats, agent);
    return share === null ? undefined : `${percent(share)} des réponses d’Audrey et Carole`;
  }

  function render(stats) {
    renderChecklist(stats.checklist);
    renderFigures(byId('figures'), [
      ['conversations', 'Conversations', integer.format(stats.conversations.total)],
      ['visitor-messages', 'Messages reçus', integer.format(stats.messages.visitor)],
      ['answered', 'Réponses automatiques', integer.format(stats.messages.answered)],
      // Each agent's share of Audrey's and Carole's answers, the checklist's base: one percentage per
      // agent on the page (a share of every automatic answer, the escalation message included, read as
      // another figure for the same agent: 40 % on the tile, 100 % in the checklist).
      ['audrey', 'Audrey', integer.format(stats.agents.audrey.answers), shareDetail(stats, 'audrey')],
      ['carole', 'Carole', integer.format(stats.agents.carole.answers), shareDetail(stats, 'carole')],
      ['escalations', 'Escalades', `${integer.format(stats.escalations.cases)} (${percent(stats.escalations.rate)})`],
      ['taken-over', 'Conversations prises en main par l’équipe', integer.format(stats.team.taken_over_conversations)],
      ['operator-replies', 'Réponses de l’équipe', integer.format(stats.team.operator_replies)],
      ['failed-jobs', 'Messages en échec', integer.format(stats.failures.failed_jobs)],
      ['error-rate', 'Taux d’erreur', percent(stats.failures.error_rate)],
      ['http-5xx', 'Erreurs 5xx', integer.format(stats.failures.http_5xx)],
      ['cost', 'Coût API', usd(stats.cost.total_usd)],
    ]);
    renderCharts(stats);
    renderLive(stats.live);
    for (const label of document.querySelectorAll('[data-days-zone]')) label.textContent = `(${zoneName(stats.time_zone)})`;
    const updatedAt = new Date(stats.generated_at).toLocaleTimeString('fr-FR', { timeZone: stats.time_zone });
    byId('updated').textContent = `Période : ${{ '24h': '24 dernières heures', '7d': 'aujourd’hui et les 6 jours d’avant', '30d': 'aujourd’hui et les 29 jours d’avant' }[stats.range]} · jours : ${zoneName(stats.time_zone)} · mis à jour à ${updatedAt}`;
    document.body.dataset.generatedAt = stats.generated_at;
  }

  async function refresh() {
    const errorBox = byId('error');
    try {
      const response = await fetch(`/admin/stats?range=${range}`, { cache: 'no-store', credentials: 'same-origin' });
      if (!response.ok) throw new Error(`/admin/stats a répondu ${response.status}`);
      render(await response.json());
      errorBox.style.display = 'none';
    } catch (error) {
      errorBox.textContent = `Impossible de lire les chiffres (${error.message}). Nouvel essai dans 30 secondes.`;
      errorBox.style.display = 'block';
    }
  }

  void refresh();
  setInterval(refresh, REFRESH_MS);
})();
