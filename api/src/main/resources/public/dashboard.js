/*
 * The bureau's live dashboard: campaign cards from /api/campaigns kept current by the totals events of
 * /api/stream, the selected campaign's charts and tables, and a live feed of budget alerts. Text from the API
 * only ever reaches the DOM through textContent; charts draw their tooltips on the canvas.
 */
(function () {
  'use strict';

  const LANG_KEY = 'campaign-pulse.lang';
  const TOKEN_KEY = 'campaign-pulse.token';
  const TOKEN_CHARS = /^[A-Za-z0-9._~+\/-]+=*$/;
  const DETAIL_REFRESH_MS = 2000;
  const FEED_SIZE = 50;
  const STREETS_SHOWN = 12;

  const TEXT = window.PulseText;

  const state = {
    lang: readLang(),
    token: sessionStorage.getItem(TOKEN_KEY) || null,
    campaigns: new Map(),
    selected: null,
    detail: null,
    feed: [],
    feedIds: new Set(),
    charts: {},
    status: 'connecting',
    lastDetailRefresh: 0,
    detailTimer: null,
    tokenPrompt: null,
    pendingLookups: new Set(),
    liveAt: new Map()
  };

  function readLang() {
    try {
      return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
    } catch (e) {
      return 'zh';
    }
  }

  function t(key, values) {
    let text = TEXT[state.lang][key];
    if (text === undefined) {
      text = TEXT.zh[key] !== undefined ? TEXT.zh[key] : key;
    }
    if (values) {
      Object.keys(values).forEach(function (name) {
        text = text.split('{' + name + '}').join(String(values[name]));
      });
    }
    return text;
  }

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function label(tag, className, key) {
    const node = el(tag, className, t(key));
    node.dataset.i18n = key;
    return node;
  }

  function money(fen) {
    return Pulse.formatFen(fen);
  }

  function time(iso, withDate) {
    if (!iso) {
      return '';
    }
    const date = new Date(iso);
    if (isNaN(date.getTime())) {
      return '';
    }
    const options = {hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false};
    if (withDate) {
      options.month = '2-digit';
      options.day = '2-digit';
    }
    return new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB', options).format(date);
  }

  function day(iso) {
    const date = new Date(iso);
    return isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(state.lang === 'zh' ? 'zh-CN' : 'en-GB',
        {year: 'numeric', month: '2-digit', day: '2-digit'}).format(date);
  }

  // ---- the API, with the token when one is set ----

  function headers(accept) {
    const h = {Accept: accept};
    if (state.token) {
      h.Authorization = 'Bearer ' + state.token;
    }
    return h;
  }

  async function api(path) {
    for (;;) {
      const sentWith = state.token;
      const response = await fetch(path, {headers: headers('application/json'), cache: 'no-store'});
      if (response.status === 401) {
        await askForToken(sentWith);
        continue;
      }
      if (!response.ok) {
        throw new Error(path + ': HTTP ' + response.status);
      }
      return Pulse.parseJson(await response.text());
    }
  }

  function campaignPath(id, tail) {
    return 'api/campaigns/' + encodeURIComponent(id) + (tail || '');
  }

  /* Shows the token prompt (once for every caller waiting) and resolves when a new token was entered. */
  function askForToken(rejected) {
    if (rejected !== state.token) {
      return Promise.resolve(); // another caller already got a new token
    }
    if (!state.tokenPrompt) {
      setStatus('token');
      state.tokenPrompt = new Promise(function (resolve) {
        const dialog = $('token-dialog');
        const input = $('token-input');
        $('token-error').hidden = !rejected;
        input.value = '';
        dialog.hidden = false;
        input.focus();
        $('token-form').onsubmit = function (event) {
          event.preventDefault();
          const value = input.value.trim();
          if (!TOKEN_CHARS.test(value)) {
            $('token-error').hidden = false;
            return;
          }
          state.token = value;
          sessionStorage.setItem(TOKEN_KEY, value);
          dialog.hidden = true;
          state.tokenPrompt = null;
          setStatus('connecting');
          resolve();
        };
      });
      if (rejected) {
        sessionStorage.removeItem(TOKEN_KEY);
      }
    }
    return state.tokenPrompt;
  }

  // ---- the live stream: fetch() with a streaming reader, so the token can go in a header ----

  function sleep(ms) {
    return new Promise(function (resolve) {
      setTimeout(resolve, ms);
    });
  }

  async function streamLoop() {
    let failures = 0;
    for (;;) {
      try {
        const sentWith = state.token;
        const response = await fetch('api/stream', {headers: headers('text/event-stream'), cache: 'no-store'});
        if (response.status === 401) {
          await askForToken(sentWith);
          continue;
        }
        if (!response.ok || !response.body) {
          throw new Error('stream: HTTP ' + response.status);
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let greeted = false;
        const parser = new Pulse.SseParser(onStreamEvent, function () {
          if (!greeted) {
            greeted = true;
            failures = 0;
            setStatus('live');
            loadAll(); // catch up on what changed while not connected
          }
        });
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) {
            break;
          }
          parser.push(chunk.value);
        }
      } catch (e) {
        console.warn('live stream:', e);
      }
      setStatus('retrying');
      failures++;
      const backoff = Math.min(30000, 1000 * Math.pow(2, Math.min(failures - 1, 5)));
      await sleep(backoff / 2 + Math.random() * backoff / 2);
    }
  }

  function onStreamEvent(type, data) {
    let body;
    try {
      body = Pulse.parseJson(data);
    } catch (e) {
      console.warn('live stream: not JSON', e);
      return;
    }
    if (type === 'totals') {
      applyTotals(body);
    } else if (type === 'alert') {
      addAlerts([body]);
      if (body.campaignId === state.selected && state.detail
          && !state.detail.alerts.some(function (a) {
            return a.alertId === body.alertId;
          })) {
        state.detail.alerts.push(body);
        renderCampaignAlerts();
      }
    }
  }

  function setStatus(status) {
    state.status = status;
    $('status').dataset.state = status;
    const text = $('status-text');
    text.dataset.i18n = 'status.' + status;
    text.textContent = t('status.' + status);
  }

  function touched() {
    const node = $('updated');
    node.textContent = t('updated') + ' ' + time(new Date().toISOString(), false);
  }

  // ---- campaigns ----

  const LIVE_FIELDS = ['orders', 'pendingOrders', 'consumptionFen', 'orderConsumptionFen', 'fairSalesFen',
    'fairSales', 'subsidyFen', 'pendingSubsidyFen', 'visitors', 'lastEventTime'];
  const LIVE_BUDGET_FIELDS = ['budgetFen', 'grantedFen', 'pendingFen', 'burnFenPerDay', 'projectedExhaustion'];

  function pick(from, fields) {
    const picked = {};
    fields.forEach(function (field) {
      if (from[field] !== undefined) {
        picked[field] = from[field];
      }
    });
    return picked;
  }

  /*
   * Takes a campaign's view from the API, asked for at `requested`; figures that a totals event brought after
   * that moment are newer than the answer and stay.
   */
  function takeView(view, requested) {
    const id = view.campaignId;
    const current = state.campaigns.get(id);
    if (!current || !(state.liveAt.get(id) > requested)) {
      state.campaigns.set(id, view);
      return;
    }
    const merged = Object.assign({}, view, pick(current, LIVE_FIELDS));
    if (current.budget) {
      merged.budget = Object.assign({}, view.budget || {thresholdsPercent: []},
          pick(current.budget, LIVE_BUDGET_FIELDS));
    }
    state.campaigns.set(id, merged);
  }

  async function loadAll() {
    try {
      const requested = performance.now();
      const views = await api('api/campaigns');
      views.forEach(function (view) {
        takeView(view, requested);
      });
      renderCards();
      if (!state.selected || !state.campaigns.has(state.selected)) {
        const wanted = new URLSearchParams(location.hash.slice(1)).get('campaign');
        const first = views.length > 0 ? views[0].campaignId : null;
        if (wanted && state.campaigns.has(wanted)) {
          select(wanted);
        } else if (first) {
          select(first);
        }
      } else {
        refreshDetail();
      }
      touched();
      addAlerts(await api('/api/alerts?limit=' + FEED_SIZE).catch(function () {
        return [];
      }));
    } catch (e) {
      console.warn('loading campaigns:', e);
    }
  }

  /* Merges a totals event into the campaign's view; the budget's thresholds stay those the API last gave. */
  function applyTotals(totals) {
    const id = totals.campaignId;
    const known = state.campaigns.get(id);
    const view = Object.assign({}, known || {campaignId: id}, {
      orders: totals.orders,
      pendingOrders: totals.pendingOrders,
      consumptionFen: totals.consumptionFen,
      orderConsumptionFen: totals.orderConsumptionFen,
      fairSalesFen: totals.fairSalesFen,
      fairSales: totals.fairSales,
      subsidyFen: totals.subsidyFen,
      pendingSubsidyFen: totals.pendingSubsidyFen,
      visitors: totals.visitors,
      lastEventTime: totals.lastEventTime
    });
    if (totals.subsidyBudgetFen !== null && totals.subsidyBudgetFen !== undefined) {
      view.budget = Object.assign({thresholdsPercent: []}, view.budget || {}, {
        budgetFen: totals.subsidyBudgetFen,
        grantedFen: totals.subsidyFen,
        pendingFen: totals.pendingSubsidyFen,
        burnFenPerDay: totals.burnFenPerDay,
        projectedExhaustion: totals.projectedExhaustion
      });
    }
    state.campaigns.set(id, view);
    state.liveAt.set(id, performance.now());
    renderCards();
    touched();
    if (!known || known.name === undefined) {
      lookUp(id);
    }
    if (!state.selected) {
      select(id);
    } else if (id === state.selected) {
      scheduleDetailRefresh();
    }
  }

  /* A campaign first seen on the stream: its definition and thresholds come from the API. */
  function lookUp(id) {
    if (state.pendingLookups.has(id)) {
      return;
    }
    state.pendingLookups.add(id);
    const requested = performance.now();
    api(campaignPath(id)).then(function (view) {
      takeView(view, requested);
      renderCards();
    }).catch(function (e) {
      console.warn('campaign ' + id + ':', e);
    }).finally(function () {
      state.pendingLookups.delete(id);
    });
  }

  function campaignName(id) {
    const view = state.campaigns.get(id);
    return view && view.name ? view.name : id;
  }

  function renderCards() {
    const container = $('cards');
    const ids = Array.from(state.campaigns.keys()).sort();
    $('no-campaigns').hidden = ids.length > 0;
    ids.forEach(function (id, index) {
      let card = container.querySelector('[data-campaign="' + CSS.escape(id) + '"]');
      if (!card) {
        card = buildCard(id);
      }
      if (container.children[index] !== card) {
        container.insertBefore(card, container.children[index] || null);
      }
      fillCard(card, state.campaigns.get(id));
    });
  }

  function buildCard(id) {
    const card = el('article', 'card');
    card.dataset.campaign = id;
    card.tabIndex = 0;
    card.setAttribute('role', 'button');
    card.addEventListener('click', function () {
      select(id);
    });
    card.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(id);
      }
    });

    const head = el('header', 'card-head');
    head.append(el('h3', 'card-name'), el('span', 'card-meta'));
    const primary = el('div', 'metric primary');
    const consumption = el('span', 'value');
    consumption.dataset.field = 'consumption';
    const approx = el('span', 'approx');
    approx.dataset.field = 'consumption-approx';
    primary.append(label('span', 'label', 'consumption'), consumption, approx);

    const row = el('div', 'metric-row');
    [['subsidy', 'subsidy'], ['orders', 'orders'], ['visitors', 'visitors']].forEach(function (pair) {
      const metric = el('div', 'metric');
      const value = el('span', 'value');
      value.dataset.field = pair[0];
      metric.append(label('span', 'label', pair[1]), value);
      row.append(metric);
    });

    const gauge = el('div', 'gauge');
    const gaugeHead = el('div', 'gauge-head');
    const percentText = el('span', 'gauge-percent');
    percentText.dataset.field = 'budget-percent';
    gaugeHead.append(label('span', 'label', 'budgetUse'), percentText);
    const bar = el('div', 'gauge-bar');
    bar.append(el('div', 'gauge-granted'), el('div', 'gauge-pending'), el('div', 'gauge-ticks'));
    const foot = el('div', 'gauge-foot');
    foot.dataset.field = 'budget-text';
    gauge.append(gaugeHead, bar, foot);

    card.append(head, primary, row, gauge);
    return card;
  }

  function fillCard(card, view) {
    card.classList.toggle('selected', view.campaignId === state.selected);
    card.setAttribute('aria-pressed', String(view.campaignId === state.selected));
    card.querySelector('.card-name').textContent = view.name || view.campaignId;
    const meta = [view.campaignId];
    if (view.kind) {
      meta.push(t('kind.' + view.kind));
    }
    if (view.region) {
      meta.push(view.region);
    }
    card.querySelector('.card-meta').textContent = meta.join(' · ');
    setValue(card, 'consumption', money(view.consumptionFen), view.consumptionFen);
    const large = Pulse.formatFenChinese(view.consumptionFen);
    setValue(card, 'consumption-approx', state.lang === 'zh' && /[万亿]/.test(large) ? '≈ ' + large : '');
    setValue(card, 'subsidy', money(view.subsidyFen), view.subsidyFen);
    setValue(card, 'orders', Pulse.formatCount(view.orders), view.orders);
    setValue(card, 'visitors', Pulse.formatCount(view.visitors), view.visitors);
    fillGauge(card, view);
  }

  function setValue(card, field, text, raw) {
    const node = card.querySelector('[data-field="' + field + '"]');
    if (node.textContent !== text) {
      node.textContent = text;
      if (raw !== undefined && node.dataset.raw !== undefined) {
        node.classList.remove('changed');
        void node.offsetWidth; // restart the highlight
        node.classList.add('changed');
      }
    }
    if (raw !== undefined) {
      node.dataset.raw = String(raw);
    }
  }

  function fillGauge(card, view) {
    const gauge = card.querySelector('.gauge');
    const budget = view.budget;
    const budgetFen = budget ? budget.budgetFen : view.subsidyBudgetFen;
    const percentText = card.querySelector('[data-field="budget-percent"]');
    const foot = card.querySelector('[data-field="budget-text"]');
    const ticks = card.querySelector('.gauge-ticks');
    const hasBudget = budgetFen !== null && budgetFen !== undefined && BigInt(budgetFen) > 0n;
    gauge.classList.toggle('no-budget', !hasBudget);
    if (!hasBudget) {
      percentText.textContent = '';
      foot.textContent = budgetFen === null || budgetFen === undefined ? t('budgetUnknown') : t('noBudget');
      ticks.replaceChildren();
      gauge.dataset.level = 'none';
      return;
    }
    const granted = budget ? budget.grantedFen : view.subsidyFen;
    const pending = budget ? budget.pendingFen : view.pendingSubsidyFen;
    const thresholds = (budget && budget.thresholdsPercent) || [];
    const used = Pulse.percent(granted, budgetFen);
    const withPending = Pulse.percent(BigInt(granted) + BigInt(pending || 0), budgetFen);
    percentText.textContent = used + '%';
    const scale = Math.max(100, thresholds.length ? thresholds[thresholds.length - 1] : 100);
    const grantedWidth = Math.min(100, Math.max(0, Number(used) * 100 / scale));
    const pendingWidth = Math.min(100 - grantedWidth, Math.max(0, (Number(withPending) - Number(used)) * 100 / scale));
    card.querySelector('.gauge-granted').style.width = grantedWidth + '%';
    const pendingBar = card.querySelector('.gauge-pending');
    pendingBar.style.left = grantedWidth + '%';
    pendingBar.style.width = pendingWidth + '%';
    ticks.replaceChildren();
    let crossed = 0;
    thresholds.forEach(function (p) {
      const tick = el('span', 'tick');
      tick.append(el('span', 'tick-label', p + '%'));
      tick.style.left = (p * 100 / scale) + '%';
      const reached = BigInt(granted) * 100n >= BigInt(p) * BigInt(budgetFen);
      tick.classList.toggle('reached', reached);
      crossed += reached ? 1 : 0;
      ticks.append(tick);
    });
    const over = BigInt(granted) >= BigInt(budgetFen);
    gauge.dataset.level = over ? 'over' : crossed === 0 ? 'ok' : crossed >= thresholds.filter(function (p) {
      return p < 100;
    }).length ? 'high' : 'warn';
    let text = money(granted) + ' / ' + money(budgetFen);
    if (pending && BigInt(pending) > 0n) {
      text += ' · ' + t('pending') + ' ' + money(pending);
    }
    foot.textContent = text;
  }

  // ---- the selected campaign ----

  function select(id) {
    if (state.selected !== id) {
      state.selected = id;
      state.detail = null;
      history.replaceState(null, '', '#campaign=' + encodeURIComponent(id));
    }
    renderCards();
    $('detail').hidden = false;
    renderDetailTitle();
    refreshDetail();
  }

  function scheduleDetailRefresh() {
    if (state.detailTimer) {
      return;
    }
    const wait = Math.max(0, state.lastDetailRefresh + DETAIL_REFRESH_MS - Date.now());
    state.detailTimer = setTimeout(function () {
      state.detailTimer = null;
      refreshDetail();
    }, wait);
  }

  async function refreshDetail() {
    const id = state.selected;
    if (!id) {
      return;
    }
    state.lastDetailRefresh = Date.now();
    try {
      const parts = await Promise.all([
        api(campaignPath(id, '/daily')),
        api(campaignPath(id, '/categories')),
        api(campaignPath(id, '/streets')),
        api(campaignPath(id, '/fairs')),
        api(campaignPath(id, '/alerts'))
      ]);
      if (state.selected !== id) {
        return;
      }
      state.detail = {daily: parts[0], categories: parts[1], streets: parts[2], fairs: parts[3], alerts: parts[4]};
      renderDetail();
    } catch (e) {
      console.warn('campaign ' + id + ' details:', e);
    }
  }

  function renderDetailTitle() {
    const id = state.selected;
    const view = state.campaigns.get(id) || {};
    $('detail-name').textContent = campaignName(id);
    const meta = [id];
    if (view.kind) {
      meta.push(t('kind.' + view.kind));
    }
    if (view.region) {
      meta.push(view.region);
    }
    $('detail-meta').textContent = meta.join(' · ');
  }

  function renderDetail() {
    renderDetailTitle();
    if (!state.detail) {
      return;
    }
    renderDaily(state.detail.daily);
    renderCategories(state.detail.categories);
    renderStreets(state.detail.streets);
    renderFairs(state.detail.fairs);
    renderCampaignAlerts();
  }

  function chart(id) {
    if (!state.charts[id]) {
      state.charts[id] = echarts.init($(id), 'dark', {renderer: 'canvas'});
    }
    return state.charts[id];
  }

  function axisYuan(value) {
    function short(n) {
      return String(Math.round(n * 100) / 100);
    }
    if (state.lang === 'zh') {
      if (Math.abs(value) >= 1e8) {
        return short(value / 1e8) + '亿';
      }
      return Math.abs(value) >= 1e4 ? short(value / 1e4) + '万' : short(value);
    }
    if (Math.abs(value) >= 1e9) {
      return short(value / 1e9) + 'B';
    }
    if (Math.abs(value) >= 1e6) {
      return short(value / 1e6) + 'M';
    }
    return Math.abs(value) >= 1e3 ? short(value / 1e3) + 'k' : short(value);
  }

  function baseOption() {
    return {
      backgroundColor: 'transparent',
      animation: false,
      textStyle: {fontFamily: getComputedStyle(document.body).fontFamily},
      tooltip: {renderMode: 'richText', confine: true}
    };
  }

  /* Draws the option, or says there is nothing to draw yet. */
  function draw(id, option, empty) {
    if (empty) {
      chart(id).setOption({
        backgroundColor: 'transparent',
        title: {text: t('noData'), left: 'center', top: 'middle', textStyle: {color: '#8fa1bd', fontSize: 14,
          fontWeight: 'normal'}}
      }, true);
    } else {
      chart(id).setOption(option, true);
    }
  }

  function renderDaily(buckets) {
    const days = buckets.map(function (b) {
      return b.key;
    });
    const option = baseOption();
    option.legend = {top: 0, data: [t('consumption'), t('subsidy')]};
    option.grid = {left: 64, right: 64, top: 36, bottom: 28};
    option.tooltip.trigger = 'axis';
    option.tooltip.formatter = function (points) {
      const b = buckets[points[0].dataIndex];
      return b.key + '\n' + t('consumption') + '  ' + money(b.consumptionFen) + '\n' + t('subsidy') + '  '
          + money(b.subsidyFen) + '\n' + t('orders') + '  ' + Pulse.formatCount(b.orders);
    };
    option.xAxis = {type: 'category', data: days};
    option.yAxis = [
      {type: 'value', axisLabel: {formatter: axisYuan}},
      {type: 'value', axisLabel: {formatter: axisYuan}, splitLine: {show: false}}
    ];
    option.series = [
      {name: t('consumption'), type: 'bar', data: buckets.map(function (b) {
        return Pulse.fenToYuanNumber(b.consumptionFen);
      }), itemStyle: {color: '#4f9cf7'}},
      {name: t('subsidy'), type: 'line', yAxisIndex: 1, data: buckets.map(function (b) {
        return Pulse.fenToYuanNumber(b.subsidyFen);
      }), itemStyle: {color: '#f5a524'}}
    ];
    draw('chart-daily', option, buckets.length === 0);
  }

  function categoryName(key) {
    return TEXT.zh['category.' + key] !== undefined ? t('category.' + key) : key;
  }

  function renderCategories(buckets) {
    const shown = buckets.filter(function (b) {
      return Pulse.fenToYuanNumber(b.consumptionFen) > 0;
    });
    const option = baseOption();
    option.tooltip.trigger = 'item';
    option.tooltip.formatter = function (p) {
      const b = shown[p.dataIndex];
      return categoryName(b.key) + '\n' + t('consumption') + '  ' + money(b.consumptionFen) + '\n' + t('subsidy')
          + '  ' + money(b.subsidyFen) + '\n' + t('orders') + '  ' + Pulse.formatCount(b.orders);
    };
    option.series = [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '52%'], minShowLabelAngle: 6,
      label: {formatter: '{b} {d}%', color: '#cdd6e4'},
      data: shown.map(function (b) {
        return {name: categoryName(b.key), value: Pulse.fenToYuanNumber(b.consumptionFen)};
      })
    }];
    draw('chart-categories', option, shown.length === 0);
  }

  function renderStreets(buckets) {
    const shown = buckets.slice(0, STREETS_SHOWN).reverse();
    const option = baseOption();
    option.grid = {left: 110, right: 24, top: 8, bottom: 24};
    option.tooltip.trigger = 'axis';
    option.tooltip.axisPointer = {type: 'shadow'};
    option.tooltip.formatter = function (points) {
      const b = shown[points[0].dataIndex];
      return streetName(b.key) + '\n' + t('consumption') + '  ' + money(b.consumptionFen) + '\n' + t('subsidy')
          + '  ' + money(b.subsidyFen) + '\n' + t('orders') + '  ' + Pulse.formatCount(b.orders);
    };
    option.xAxis = {type: 'value', axisLabel: {formatter: axisYuan}};
    option.yAxis = {type: 'category', data: shown.map(function (b) {
      return streetName(b.key);
    }), axisLabel: {width: 100, overflow: 'truncate'}};
    option.series = [{type: 'bar', data: shown.map(function (b) {
      return Pulse.fenToYuanNumber(b.consumptionFen);
    }), itemStyle: {color: '#36c2a4'}}];
    draw('chart-streets', option, shown.length === 0);
  }

  function streetName(key) {
    return key === '-' ? t('unknownStreet') : key;
  }

  function renderFairs(fairs) {
    const body = $('fairs');
    body.replaceChildren();
    fairs.forEach(function (f) {
      const row = el('tr');
      row.dataset.fair = f.fairId;
      row.append(el('td', null, f.fairId), el('td', 'num', Pulse.formatCount(f.visitors)),
          el('td', 'num', Pulse.formatCount(f.sales)), el('td', 'num', money(f.salesFen)),
          el('td', 'num', f.salesFenPerVisitor === null ? '–' : money(f.salesFenPerVisitor)));
      body.append(row);
    });
    $('fairs-table').hidden = fairs.length === 0;
    $('no-fairs').hidden = fairs.length > 0;
  }

  function renderCampaignAlerts() {
    const list = $('campaign-alerts');
    const alerts = state.detail.alerts.slice().reverse();
    list.replaceChildren.apply(list, alerts.map(function (a) {
      return alertItem(a, false);
    }));
    $('no-campaign-alerts').hidden = alerts.length > 0;
  }

  // ---- alerts ----

  function addAlerts(alerts) {
    let added = false;
    alerts.forEach(function (a) {
      if (!state.feedIds.has(a.alertId)) {
        state.feedIds.add(a.alertId);
        state.feed.push(a);
        added = true;
      }
    });
    if (!added) {
      return;
    }
    state.feed.sort(function (x, y) {
      return (Date.parse(y.emittedAt) || 0) - (Date.parse(x.emittedAt) || 0);
    });
    state.feed.splice(FEED_SIZE);
    renderFeed();
  }

  function renderFeed() {
    const list = $('alert-feed');
    list.replaceChildren.apply(list, state.feed.map(function (a) {
      return alertItem(a, true);
    }));
    $('no-alerts').hidden = state.feed.length > 0;
  }

  function alertText(a) {
    let text = t('alert.' + a.kind, {
      p: a.thresholdPercent,
      t: a.projectedExhaustion ? day(a.projectedExhaustion) : '?'
    });
    if (a.crossing > 1) {
      text += t('alert.crossing', {n: a.crossing});
    }
    return text;
  }

  function alertItem(a, withCampaign) {
    const item = el('li', 'alert alert-' + String(a.kind).toLowerCase());
    item.dataset.alertId = a.alertId;
    const head = el('div', 'alert-head');
    if (withCampaign) {
      head.append(el('span', 'alert-campaign', campaignName(a.campaignId)));
    }
    head.append(el('time', 'alert-time', time(a.emittedAt, true)));
    const sub = [t('alert.granted') + ' ' + money(a.subsidyFen) + ' / ' + t('budget') + ' ' + money(a.budgetFen)];
    if (a.trigger === 'BUDGET_CHANGE') {
      sub.push(t('alert.budgetChange'));
    }
    item.append(head, el('div', 'alert-text', alertText(a)), el('div', 'alert-sub', sub.join(' · ')));
    return item;
  }

  // ---- language ----

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = state.lang === 'zh' ? '消费活动实时看板 · Campaign pulse' : 'Campaign pulse · 消费活动实时看板';
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.dataset.i18n);
    });
    document.querySelectorAll('.lang button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
    });
    renderCards();
    renderFeed();
    if (state.selected) {
      renderDetail();
    }
    if ($('updated').textContent) {
      touched();
    }
  }

  function setLanguage(lang) {
    state.lang = lang === 'en' ? 'en' : 'zh';
    try {
      localStorage.setItem(LANG_KEY, state.lang);
    } catch (e) {
      // private mode: the choice lasts for this page only
    }
    applyLanguage();
  }

  document.querySelectorAll('.lang button').forEach(function (button) {
    button.addEventListener('click', function () {
      setLanguage(button.dataset.lang);
    });
  });
  window.addEventListener('resize', function () {
    Object.keys(state.charts).forEach(function (id) {
      state.charts[id].resize();
    });
  });

  applyLanguage();
  setStatus('connecting');
  loadAll();
  streamLoop();
})();
