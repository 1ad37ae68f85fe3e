/*
 * Pure helpers of the dashboard, without the DOM: exact money formatting from integer fen, JSON that keeps
 * integers beyond 2^53 exact, and a server-sent-events parser for a stream read with fetch() (EventSource cannot
 * send an Authorization header).
 */
(function (global) {
  'use strict';

  /* Integers beyond Number's exact range become BigInt, so no fen is ever rounded away. */
  function parseJson(text) {
    return JSON.parse(text, function (key, value, context) {
      if (typeof value === 'number' && !Number.isSafeInteger(value) && context && typeof context.source === 'string'
          && /^-?\d+$/.test(context.source)) {
        return BigInt(context.source);
      }
      return value;
    });
  }

  function toBigInt(value) {
    if (typeof value === 'bigint') {
      return value;
    }
    if (typeof value === 'number' && Number.isInteger(value)) {
      return BigInt(value);
    }
    if (typeof value === 'string' && /^-?\d+$/.test(value)) {
      return BigInt(value);
    }
    return null;
  }

  function group(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /* A whole number with thousands separators: 1234567 -> "1,234,567". */
  function formatCount(value) {
    const n = toBigInt(value);
    if (n === null) {
      return '–';
    }
    return (n < 0n ? '-' : '') + group((n < 0n ? -n : n).toString());
  }

  /* Fen as yuan, exact: 123456 -> "¥1,234.56", -5 -> "-¥0.05". */
  function formatFen(value) {
    const fen = toBigInt(value);
    if (fen === null) {
      return '–';
    }
    const abs = fen < 0n ? -fen : fen;
    const cents = (abs % 100n).toString().padStart(2, '0');
    return (fen < 0n ? '-' : '') + '¥' + group((abs / 100n).toString()) + '.' + cents;
  }

  /* n / d rounded half up to `places` decimals, for n >= 0 and d > 0, as a decimal string. */
  function divideHalfUp(n, d, places) {
    const scale = 10n ** BigInt(places);
    const q = (2n * n * scale + d) / (2n * d);
    if (places === 0) {
      return q.toString();
    }
    const s = q.toString().padStart(places + 1, '0');
    return s.slice(0, s.length - places) + '.' + s.slice(s.length - places);
  }

  /*
   * Fen in Chinese units, rounded half up to two decimals of the unit: 123456789 fen -> "123.46万元",
   * 1234567890123 fen -> "123.46亿元"; below 10,000 yuan the exact amount in 元.
   */
  function formatFenChinese(value) {
    const fen = toBigInt(value);
    if (fen === null) {
      return '–';
    }
    const abs = fen < 0n ? -fen : fen;
    const sign = fen < 0n ? '-' : '';
    const yi = 100n * 100000000n;
    const wan = 100n * 10000n;
    if (abs >= yi) {
      const parts = divideHalfUp(abs, yi, 2).split('.');
      return sign + group(parts[0]) + '.' + parts[1] + '亿元';
    }
    if (abs >= wan) {
      return sign + divideHalfUp(abs, wan, 2) + '万元';
    }
    return sign + formatFen(abs).slice(1) + '元';
  }

  /* granted / budget as a percentage with two decimals, half up (as the API's grantedPercent); null without a budget. */
  function percent(granted, budget) {
    const g = toBigInt(granted);
    const b = toBigInt(budget);
    if (g === null || b === null || b <= 0n) {
      return null;
    }
    return (g < 0n ? '-' : '') + divideHalfUp((g < 0n ? -g : g) * 100n, b, 2);
  }

  /* Fen as a plain Number of yuan, for chart geometry only (never for a figure shown as exact). */
  function fenToYuanNumber(value) {
    const fen = toBigInt(value);
    return fen === null ? 0 : Number(fen) / 100;
  }

  /*
   * Incremental server-sent-events parser: push() text chunks as they arrive; onEvent(type, data) is called for each
   * event that a blank line ends. Lines end in LF, CRLF or CR; lines starting with ':' are comments (onComment).
   */
  function SseParser(onEvent, onComment) {
    let buffer = '';
    let type = '';
    let data = [];

    function line(text) {
      if (text === '') {
        if (data.length > 0) {
          onEvent(type || 'message', data.join('\n'));
        }
        type = '';
        data = [];
        return;
      }
      if (text.charAt(0) === ':') {
        if (onComment) {
          onComment(text.slice(1).trim());
        }
        return;
      }
      const colon = text.indexOf(':');
      const field = colon < 0 ? text : text.slice(0, colon);
      let value = colon < 0 ? '' : text.slice(colon + 1);
      if (value.charAt(0) === ' ') {
        value = value.slice(1);
      }
      if (field === 'event') {
        type = value;
      } else if (field === 'data') {
        data.push(value);
      }
    }

    this.push = function (chunk) {
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) {
          return;
        }
        if (match[0] === '\r' && match.index === buffer.length - 1) {
          return; // a CR at the end may be the first half of CRLF: wait for the next chunk
        }
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    };
  }

  global.Pulse = {
    parseJson: parseJson,
    formatCount: formatCount,
    formatFen: formatFen,
    formatFenChinese: formatFenChinese,
    percent: percent,
    fenToYuanNumber: fenToYuanNumber,
    SseParser: SseParser
  };
})(window);
