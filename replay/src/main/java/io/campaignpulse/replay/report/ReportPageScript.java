package io.campaignpulse.replay.report;

/**
 * The script of {@code report.html}: reads the report embedded as JSON and draws it with ECharts, in Chinese or
 * English. Text from the report reaches the DOM only through textContent; money is integer fen formatted with
 * BigInt (exact), Numbers of yuan only place chart geometry. The script holds no backslash, so it reads here
 * as it runs.
 */
final class ReportPageScript {

  private ReportPageScript() {
  }

  static final String JS = """
      /*
       * The replay report page: reads the report embedded as JSON and draws it. Text from the report only ever reaches
       * the DOM through textContent, and charts draw their tooltips on the canvas. Money is integer fen shown as yuan
       * with BigInt (exact); Numbers of yuan are only used for chart geometry.
       */
      (function () {
        'use strict';

        var TEXT = {
          zh: {
            title: '活动回放报告',
            scope: '回放范围', source: '数据来源', zone: '时区', from: '开始', to: '结束', beginning: '最早', end: '最后',
            campaigns: '活动', allCampaigns: '全部活动', whatIf: '假设情景', budgets: '预算调整', thresholds: '预警阈值',
            ownThresholds: '各活动自身阈值', rules: '补贴规则调整', none: '无',
            input: '输入记录', read: '读取', inScope: '范围内', outOfScope: '范围外', rejected: '拒收', late: '迟到',
            unknown: '未找到的活动',
            seriesNote: '每小时和每日序列只统计宽限期内到达的事件；迟到事件计入合计但不计入序列，因此阈值跨越按事件时间的小时计。',
            totals: '活动合计', campaign: '活动', kind: '类型', series: '系列', budget: '预算', granted: '已发放占比',
            exhausted: '预算用完于', never: '未用完', whatIfBudget: '假设预算', whatIfGranted: '假设占比',
            whatIfExhausted: '假设用完于', delta: '变化',
            comparisons: '对比', metric: '指标', base: '基准', other: '对比', growth: '增长',
            daily: '每日趋势', cumulative: '累计补贴与预算', categories: '品类分布', streets: '街道分布（前 12）',
            fairs: '展会', fair: '展会', perVisitor: '人均', crossings: '阈值跨越', kase: '情景', threshold: '阈值',
            hour: '小时', cumulativeSubsidy: '累计补贴', baseline: '基准', whatIfCase: '假设', noData: '暂无数据',
            noCrossings: '未跨越任何阈值', noBudget: '无补贴预算', unnamed: '（未定义）',
            orders: '订单数', pendingOrders: '待审订单', consumptionFen: '拉动消费', orderConsumptionFen: '以旧换新消费',
            fairSales: '展会成交笔数', fairSalesFen: '展会成交额', subsidyFen: '补贴发放', pendingSubsidyFen: '待审补贴',
            visitors: '客流',
            'kind.TRADE_IN': '以旧换新', 'kind.CONSUMER_FAIR': '消费展会', 'kind.FESTIVAL_MARKET': '节庆市集',
            'category.AUTO': '汽车', 'category.HOME_APPLIANCE': '家电', 'category.HOME_FURNISHING': '家居',
            'category.DIGITAL': '数码产品', 'category.E_BIKE': '电动自行车', 'category.OTHER': '其他',
            unknownStreet: '街道未知'
          },
          en: {
            title: 'Campaign replay report',
            scope: 'Scope', source: 'Source', zone: 'Time zone', from: 'From', to: 'To', beginning: 'the beginning',
            end: 'the end', campaigns: 'Campaigns', allCampaigns: 'all campaigns', whatIf: 'What-if',
            budgets: 'Budgets', thresholds: 'Thresholds', ownThresholds: "each campaign's own", rules: 'Subsidy rules',
            none: 'none', input: 'Input records', read: 'read', inScope: 'in scope', outOfScope: 'out of scope',
            rejected: 'rejected', late: 'late', unknown: 'Campaigns not found',
            seriesNote: 'The hourly and daily series count only events that arrived within the grace period; late events are in the totals but not in the series, so thresholds are crossed by event-time hour.',
            totals: 'Campaign totals', campaign: 'Campaign', kind: 'Kind', series: 'Series', budget: 'Budget',
            granted: 'Granted', exhausted: 'Budget exhausted', never: 'never', whatIfBudget: 'What-if budget',
            whatIfGranted: 'What-if granted', whatIfExhausted: 'What-if exhausted', delta: 'change',
            comparisons: 'Comparisons', metric: 'Metric', base: 'Base', other: 'Other', growth: 'Growth',
            daily: 'Daily trend', cumulative: 'Cumulative subsidy and budget', categories: 'By category',
            streets: 'By street (top 12)', fairs: 'Fairs', fair: 'Fair', perVisitor: 'Per visitor',
            crossings: 'Threshold crossings', kase: 'Case', threshold: 'Threshold', hour: 'Hour',
            cumulativeSubsidy: 'Cumulative subsidy', baseline: 'baseline', whatIfCase: 'what-if', noData: 'No data',
            noCrossings: 'No threshold crossed', noBudget: 'No subsidy budget', unnamed: '(not defined)',
            orders: 'Orders', pendingOrders: 'Pending orders', consumptionFen: 'Consumption pulled',
            orderConsumptionFen: 'Trade-in consumption', fairSales: 'Fair sales', fairSalesFen: 'Fair sales amount',
            subsidyFen: 'Subsidy granted', pendingSubsidyFen: 'Pending subsidy', visitors: 'Visitors',
            'kind.TRADE_IN': 'Trade-in', 'kind.CONSUMER_FAIR': 'Consumer fair', 'kind.FESTIVAL_MARKET': 'Festival market',
            'category.AUTO': 'Cars', 'category.HOME_APPLIANCE': 'Home appliances',
            'category.HOME_FURNISHING': 'Home furnishing', 'category.DIGITAL': 'Digital products',
            'category.E_BIKE': 'E-bikes', 'category.OTHER': 'Other', unknownStreet: 'Street unknown'
          }
        };
        var METRICS = ['orders', 'pendingOrders', 'consumptionFen', 'orderConsumptionFen', 'fairSales', 'fairSalesFen',
          'subsidyFen', 'pendingSubsidyFen', 'visitors'];
        var NL = String.fromCharCode(10);
        var COLORS = {consumption: '#4f9cf7', subsidy: '#f5a524', whatIf: '#9b59d0', budget: '#ef4a4a', category: '#36c2a4'};

        var lang = 'zh';
        var charts = [];

        function t(key) {
          var text = TEXT[lang][key];
          if (text === undefined) {
            text = TEXT.zh[key] !== undefined ? TEXT.zh[key] : key;
          }
          return text;
        }

        function label(prefix, key) {
          return TEXT.zh[prefix + key] !== undefined ? t(prefix + key) : key;
        }

        // ---- exact numbers ----

        function isIntegerText(s) {
          if (s.length === 0) {
            return false;
          }
          for (var i = 0; i < s.length; i++) {
            var c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c === '-' && i === 0 && s.length > 1))) {
              return false;
            }
          }
          return true;
        }

        /* Integers beyond Number's exact range become BigInt (where the browser gives the source text). */
        function parseJson(text) {
          return JSON.parse(text, function (key, value, context) {
            if (typeof value === 'number' && !Number.isSafeInteger(value) && context
                && typeof context.source === 'string' && isIntegerText(context.source)) {
              return BigInt(context.source);
            }
            return value;
          });
        }

        function big(value) {
          if (typeof value === 'bigint') {
            return value;
          }
          if (typeof value === 'number' && Number.isInteger(value)) {
            return BigInt(value);
          }
          return null;
        }

        function group(digits) {
          var out = '';
          for (var i = 0; i < digits.length; i++) {
            if (i > 0 && (digits.length - i) % 3 === 0) {
              out += ',';
            }
            out += digits.charAt(i);
          }
          return out;
        }

        function count(value) {
          var n = big(value);
          if (n === null) {
            return '–';
          }
          return (n < 0n ? '-' : '') + group((n < 0n ? -n : n).toString());
        }

        /* Fen as yuan, exact: 123456 -> "¥1,234.56", -5 -> "-¥0.05". */
        function money(value) {
          var fen = big(value);
          if (fen === null) {
            return '–';
          }
          var abs = fen < 0n ? -fen : fen;
          return (fen < 0n ? '-' : '') + '¥' + group((abs / 100n).toString()) + '.' + (abs % 100n).toString().padStart(2, '0');
        }

        function signedMoney(value) {
          var fen = big(value);
          return (fen !== null && fen > 0n ? '+' : '') + money(value);
        }

        function signedCount(value) {
          var n = big(value);
          return (n !== null && n > 0n ? '+' : '') + count(value);
        }

        /* A decimal the report holds with `places` decimals, shown as it is (no arithmetic). */
        function percent(value, places) {
          return value === null || value === undefined ? '–' : Number(value).toFixed(places) + '%';
        }

        function growth(value) {
          if (value === null || value === undefined) {
            return '–';
          }
          return (Number(value) > 0 ? '+' : '') + Number(value).toFixed(1) + '%';
        }

        /* Fen as a Number of yuan, for chart geometry only. */
        function yuan(value) {
          var fen = big(value);
          return fen === null ? 0 : Number(fen) / 100;
        }

        function metricText(metric, value, signed) {
          if (metric.slice(-3) === 'Fen') {
            return signed ? signedMoney(value) : money(value);
          }
          return signed ? signedCount(value) : count(value);
        }

        // ---- the DOM, text only ----

        function el(tag, className, text) {
          var node = document.createElement(tag);
          if (className) {
            node.className = className;
          }
          if (text !== undefined && text !== null) {
            node.textContent = String(text);
          }
          return node;
        }

        function cell(text, className) {
          return {text: text, className: className};
        }

        function num(text) {
          return cell(text, 'num');
        }

        function table(headers, rows) {
          var wrap = el('div', 'table-wrap');
          var tbl = el('table');
          var head = el('tr');
          headers.forEach(function (h) {
            head.appendChild(typeof h === 'string' ? el('th', null, h) : el('th', h.className, h.text));
          });
          tbl.appendChild(el('thead')).appendChild(head);
          var body = tbl.appendChild(el('tbody'));
          rows.forEach(function (row) {
            var tr = body.appendChild(el('tr'));
            row.forEach(function (c) {
              tr.appendChild(typeof c === 'object' && c !== null ? el('td', c.className, c.text) : el('td', null, c));
            });
          });
          wrap.appendChild(tbl);
          return wrap;
        }

        function campaignName(c) {
          return c.name === null || c.name === undefined ? t('unnamed') : c.name;
        }

        // ---- charts ----

        function axisYuan(value) {
          function short(n) {
            return String(Math.round(n * 100) / 100);
          }
          if (lang === 'zh') {
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

        function chart(parent, title, option, empty) {
          var box = parent.appendChild(el('div'));
          box.appendChild(el('h3', null, title));
          var div = box.appendChild(el('div', 'chart'));
          var c = echarts.init(div, null, {renderer: 'canvas'});
          charts.push(c);
          if (empty) {
            c.setOption({title: {text: t('noData'), left: 'center', top: 'middle',
              textStyle: {color: '#5f6f86', fontSize: 14, fontWeight: 'normal'}}});
          } else {
            option.animation = false;
            option.tooltip = option.tooltip || {};
            option.tooltip.renderMode = 'richText';
            option.tooltip.confine = true;
            c.setOption(option);
          }
        }

        function days(c) {
          var keys = {};
          c.daily.forEach(function (b) {
            keys[b.key] = true;
          });
          if (c.whatIf && c.whatIf.daily) {
            c.whatIf.daily.forEach(function (b) {
              keys[b.key] = true;
            });
          }
          return Object.keys(keys).sort();
        }

        function byKey(buckets) {
          var map = {};
          (buckets || []).forEach(function (b) {
            map[b.key] = b;
          });
          return map;
        }

        function dailyChart(parent, c) {
          var keys = days(c);
          var base = byKey(c.daily);
          var scenario = c.whatIf && c.whatIf.daily ? byKey(c.whatIf.daily) : null;
          function field(map, key, name) {
            return map[key] ? map[key][name] : 0;
          }
          var series = [
            {name: t('consumptionFen'), type: 'bar', itemStyle: {color: COLORS.consumption},
              data: keys.map(function (k) { return yuan(field(base, k, 'consumptionFen')); })},
            {name: t('subsidyFen'), type: 'line', yAxisIndex: 1, itemStyle: {color: COLORS.subsidy},
              data: keys.map(function (k) { return yuan(field(base, k, 'subsidyFen')); })}
          ];
          if (scenario) {
            series.push({name: t('subsidyFen') + ' (' + t('whatIfCase') + ')', type: 'line', yAxisIndex: 1,
              itemStyle: {color: COLORS.whatIf}, lineStyle: {type: 'dashed'},
              data: keys.map(function (k) { return yuan(field(scenario, k, 'subsidyFen')); })});
          }
          chart(parent, t('daily'), {
            legend: {top: 0},
            grid: {left: 64, right: 64, top: 36, bottom: 28},
            tooltip: {trigger: 'axis', formatter: function (points) {
              var k = keys[points[0].dataIndex];
              var lines = [k, t('consumptionFen') + '  ' + money(field(base, k, 'consumptionFen')),
                t('subsidyFen') + '  ' + money(field(base, k, 'subsidyFen')),
                t('orders') + '  ' + count(field(base, k, 'orders'))];
              if (scenario) {
                lines.push(t('subsidyFen') + ' (' + t('whatIfCase') + ')  ' + money(field(scenario, k, 'subsidyFen')));
              }
              return lines.join(NL);
            }},
            xAxis: {type: 'category', data: keys},
            yAxis: [{type: 'value', axisLabel: {formatter: axisYuan}},
              {type: 'value', axisLabel: {formatter: axisYuan}, splitLine: {show: false}}],
            series: series
          }, keys.length === 0);
        }

        function cumulative(keys, buckets) {
          var map = byKey(buckets);
          var sum = 0n;
          return keys.map(function (k) {
            if (map[k]) {
              sum += big(map[k].subsidyFen);
            }
            return sum;
          });
        }

        function budgetLines(outcome, color, caseName) {
          if (big(outcome.budgetFen) <= 0n) {
            return [];
          }
          var budget = big(outcome.budgetFen);
          var lines = [{yAxis: yuan(outcome.budgetFen), name: caseName + ' ' + t('budget') + ' ' + money(budget),
            lineStyle: {color: color, type: 'solid', width: 2}}];
          outcome.thresholdsPercent.forEach(function (p) {
            if (p !== 100) {
              lines.push({yAxis: yuan(budget * BigInt(p) / 100n), name: caseName + ' ' + p + '%',
                lineStyle: {color: color, type: 'dashed', width: 1}});
            }
          });
          return lines;
        }

        function cumulativeChart(parent, c) {
          var keys = days(c);
          var base = cumulative(keys, c.daily);
          var w = c.whatIf;
          var scenario = w && w.daily ? cumulative(keys, w.daily) : null;
          var baseLines = budgetLines(c.budget, COLORS.budget, t('baseline'));
          var whatIfLines = w ? budgetLines(w.budget, COLORS.whatIf, t('whatIfCase')) : [];
          var series = [{name: t('cumulativeSubsidy') + ' (' + t('baseline') + ')', type: 'line',
            itemStyle: {color: COLORS.subsidy}, data: base.map(yuan),
            markLine: {symbol: 'none', silent: true, label: {formatter: '{b}', position: 'insideEndTop'},
              data: baseLines.concat(scenario ? [] : whatIfLines)}}];
          if (scenario) {
            series.push({name: t('cumulativeSubsidy') + ' (' + t('whatIfCase') + ')', type: 'line',
              itemStyle: {color: COLORS.whatIf}, lineStyle: {type: 'dashed'}, data: scenario.map(yuan),
              markLine: {symbol: 'none', silent: true, label: {formatter: '{b}', position: 'insideEndTop'},
                data: whatIfLines}});
          }
          var top = 0;
          baseLines.concat(whatIfLines).forEach(function (l) {
            top = Math.max(top, l.yAxis);
          });
          chart(parent, t('cumulative'), {
            legend: {top: 0},
            grid: {left: 64, right: 24, top: 36, bottom: 28},
            tooltip: {trigger: 'axis', formatter: function (points) {
              var i = points[0].dataIndex;
              var lines = [keys[i], t('baseline') + '  ' + money(base[i])];
              if (scenario) {
                lines.push(t('whatIfCase') + '  ' + money(scenario[i]));
              }
              return lines.join(NL);
            }},
            xAxis: {type: 'category', data: keys},
            yAxis: {type: 'value', axisLabel: {formatter: axisYuan}, max: function (v) {
              return Math.max(v.max, top) * 1.05;
            }},
            series: series
          }, keys.length === 0);
        }

        function categoryChart(parent, c) {
          var shown = c.categories.filter(function (b) {
            return big(b.consumptionFen) > 0n;
          });
          chart(parent, t('categories'), {
            tooltip: {trigger: 'item', formatter: function (p) {
              var b = shown[p.dataIndex];
              return label('category.', b.key) + NL + t('consumptionFen') + '  ' + money(b.consumptionFen) + NL
                  + t('subsidyFen') + '  ' + money(b.subsidyFen) + NL + t('orders') + '  ' + count(b.orders);
            }},
            series: [{type: 'pie', radius: ['40%', '68%'], center: ['50%', '52%'], minShowLabelAngle: 6,
              label: {formatter: '{b} {d}%'},
              data: shown.map(function (b) {
                return {name: label('category.', b.key), value: yuan(b.consumptionFen)};
              })}]
          }, shown.length === 0);
        }

        // ---- sections ----

        function scopeSection(root, report) {
          root.appendChild(el('h2', null, t('scope')));
          var s = report.scope;
          var dl = root.appendChild(el('dl', 'scope'));
          function item(term, value) {
            dl.appendChild(el('dt', null, term));
            dl.appendChild(el('dd', null, value));
          }
          item(t('source'), s.source || '–');
          item(t('zone'), s.zone || '–');
          item(t('from'), s.from || t('beginning'));
          item(t('to'), s.to || t('end'));
          item(t('campaigns'), s.campaigns.length === 0 ? t('allCampaigns') : s.campaigns.join(', '));
          var w = s.whatIf;
          var budgets = Object.keys(w.budgetsFen).map(function (id) {
            return id + ' ' + money(w.budgetsFen[id]);
          });
          if (budgets.length > 0 || w.thresholdsPercent !== null || w.subsidyRules.length > 0) {
            item(t('whatIf') + ' · ' + t('budgets'), budgets.length === 0 ? t('none') : budgets.join(NL));
            item(t('whatIf') + ' · ' + t('thresholds'), w.thresholdsPercent === null ? t('ownThresholds')
                : w.thresholdsPercent.map(function (p) { return p + '%'; }).join(' / '));
            item(t('whatIf') + ' · ' + t('rules'), w.subsidyRules.length === 0 ? t('none') : w.subsidyRules.join(NL));
          }
          var i = report.input;
          item(t('input'), [['read', i.read], ['inScope', i.inScope], ['outOfScope', i.outOfScope],
            ['rejected', i.rejected], ['late', i.late]].map(function (p) {
            return t(p[0]) + ' ' + count(p[1]);
          }).join(' · '));
          if (report.unknownCampaigns.length > 0) {
            dl.appendChild(el('dt', 'warn', t('unknown')));
            dl.appendChild(el('dd', 'warn', report.unknownCampaigns.join(', ')));
          }
          root.appendChild(el('p', 'note', t('seriesNote')));
        }

        function totalsSection(root, report) {
          root.appendChild(el('h2', null, t('totals')));
          var withWhatIf = report.campaigns.some(function (c) {
            return c.whatIf !== null;
          });
          var headers = [t('campaign'), t('kind'), num(t('orders')), num(t('consumptionFen')), num(t('subsidyFen')),
            num(t('pendingSubsidyFen')), num(t('fairSalesFen')), num(t('visitors')), num(t('budget')), num(t('granted')),
            t('exhausted')];
          if (withWhatIf) {
            headers = headers.concat([num(t('whatIfBudget')), num(t('whatIfGranted')), t('whatIfExhausted'),
              num(t('subsidyFen') + ' ' + t('delta')), num(t('consumptionFen') + ' ' + t('delta'))]);
          }
          var rows = report.campaigns.map(function (c) {
            var tt = c.totals;
            var row = [cell(campaignName(c) + NL + c.campaignId, 'name'), c.kind ? label('kind.', c.kind) : '–',
              num(count(tt.orders)), num(money(tt.consumptionFen)), num(money(tt.subsidyFen)),
              num(money(tt.pendingSubsidyFen)), num(money(tt.fairSalesFen)), num(count(tt.visitors)),
              num(big(c.budget.budgetFen) > 0n ? money(c.budget.budgetFen) : t('noBudget')),
              num(percent(c.budget.grantedPercent, 2)), c.budget.exhaustedHour || t('never')];
            if (withWhatIf) {
              var w = c.whatIf;
              row = row.concat([num(big(w.budget.budgetFen) > 0n ? money(w.budget.budgetFen) : t('noBudget')),
                num(percent(w.budget.grantedPercent, 2)), w.budget.exhaustedHour || t('never'),
                num(signedMoney(w.delta.subsidyFen)), num(signedMoney(w.delta.consumptionFen))]);
            }
            return row;
          });
          root.appendChild(table(headers, rows));
        }

        function comparisonsSection(root, report) {
          if (report.comparisons.length === 0) {
            return;
          }
          root.appendChild(el('h2', null, t('comparisons')));
          var names = {};
          report.campaigns.forEach(function (c) {
            names[c.campaignId] = campaignName(c);
          });
          report.comparisons.forEach(function (cmp) {
            root.appendChild(el('h3', null, (names[cmp.baseId] || cmp.baseId) + ' → ' + (names[cmp.otherId] || cmp.otherId)));
            var rows = METRICS.map(function (m) {
              var g = cmp.growthPercent[m];
              var gCell = num(growth(g));
              if (g !== undefined && Number(g) !== 0) {
                gCell.className += Number(g) > 0 ? ' up' : ' down';
              }
              return [t(m), num(metricText(m, cmp.base[m])), num(metricText(m, cmp.other[m])), gCell];
            });
            root.appendChild(table([t('metric'), num(t('base') + ' ' + cmp.baseId), num(t('other') + ' ' + cmp.otherId),
              num(t('growth'))], rows));
          });
        }

        function crossingRows(caseName, outcome) {
          return outcome.crossings.map(function (x) {
            return [caseName, num(x.thresholdPercent + '%'), x.hour, num(money(x.cumulativeSubsidyFen))];
          });
        }

        function campaignSection(root, c) {
          var section = root.appendChild(el('section', 'campaign'));
          var h = section.appendChild(el('h2', null, campaignName(c) + ' '));
          h.appendChild(el('span', 'muted', [c.campaignId, c.kind ? label('kind.', c.kind) : null,
            c.series ? t('series') + ' ' + c.series : null].filter(function (x) { return x; }).join(' · ')));
          var grid = section.appendChild(el('div', 'charts'));
          dailyChart(grid, c);
          cumulativeChart(grid, c);
          categoryChart(grid, c);

          section.appendChild(el('h3', null, t('crossings')));
          var rows = crossingRows(t('baseline'), c.budget);
          if (c.whatIf) {
            rows = rows.concat(crossingRows(t('whatIfCase'), c.whatIf.budget));
          }
          if (rows.length === 0) {
            section.appendChild(el('p', 'note', t('noCrossings')));
          } else {
            section.appendChild(table([t('kase'), num(t('threshold')), t('hour'), num(t('cumulativeSubsidy'))], rows));
          }
          if (c.streets.length > 0) {
            section.appendChild(el('h3', null, t('streets')));
            section.appendChild(table([t('streets'), num(t('orders')), num(t('consumptionFen')), num(t('subsidyFen'))],
                c.streets.slice(0, 12).map(function (b) {
                  return [cell(b.key === '-' ? t('unknownStreet') : b.key, 'name'), num(count(b.orders)),
                    num(money(b.consumptionFen)), num(money(b.subsidyFen))];
                })));
          }
          if (c.fairs.length > 0) {
            section.appendChild(el('h3', null, t('fairs')));
            section.appendChild(table([t('fair'), num(t('visitors')), num(t('fairSales')), num(t('fairSalesFen')),
              num(t('perVisitor'))], c.fairs.map(function (f) {
              return [cell(f.fairId, 'name'), num(count(f.visitors)), num(count(f.sales)), num(money(f.salesFen)),
                num(f.salesFenPerVisitor === null ? '–' : money(f.salesFenPerVisitor))];
            })));
          }
        }

        // ---- the page ----

        var report = parseJson(document.getElementById('report-data').textContent);

        function render() {
          charts.forEach(function (c) {
            c.dispose();
          });
          charts = [];
          document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
          document.title = t('title');
          document.getElementById('title').textContent = t('title');
          Array.prototype.forEach.call(document.querySelectorAll('[data-lang]'), function (b) {
            b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === lang));
          });
          var root = document.getElementById('report');
          root.replaceChildren();
          scopeSection(root, report);
          totalsSection(root, report);
          comparisonsSection(root, report);
          report.campaigns.forEach(function (c) {
            campaignSection(root, c);
          });
        }

        Array.prototype.forEach.call(document.querySelectorAll('[data-lang]'), function (b) {
          b.addEventListener('click', function () {
            lang = b.getAttribute('data-lang');
            render();
          });
        });
        window.addEventListener('resize', function () {
          charts.forEach(function (c) {
            c.resize();
          });
        });
        render();
      })();
      """;
}
