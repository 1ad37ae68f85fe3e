package io.campaignpulse.replay.report;

/** The style sheet of {@code report.html}: light and printable (a report is mailed and printed, not on a wall). */
final class ReportPageStyle {

  private ReportPageStyle() {
  }

  static final String CSS = """
      :root {
        --text: #1d2633;
        --muted: #5f6f86;
        --edge: #d5dce6;
        --head: #f1f4f8;
        --accent: #2f7de1;
        font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
          "WenQuanYi Micro Hei", system-ui, sans-serif;
        color: var(--text);
      }
      body { margin: 0; background: #fff; }
      .topbar { display: flex; align-items: center; justify-content: space-between; padding: 12px 24px;
        border-bottom: 1px solid var(--edge); background: var(--head); }
      .topbar h1 { margin: 0; font-size: 22px; }
      .lang button { font: inherit; padding: 4px 10px; border: 1px solid var(--edge); background: #fff;
        cursor: pointer; }
      .lang button[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
      main { padding: 16px 24px 48px; max-width: 1280px; }
      h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
      h3 { font-size: 15px; margin: 18px 0 6px; }
      .muted { color: var(--muted); font-weight: normal; }
      .note { color: var(--muted); font-size: 13px; margin: 6px 0; }
      .warn { color: #b4361d; }
      dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
      dl.scope dt { color: var(--muted); }
      dl.scope dd { margin: 0; white-space: pre-wrap; }
      .table-wrap { overflow-x: auto; }
      table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
      th, td { border: 1px solid var(--edge); padding: 4px 8px; text-align: left; vertical-align: top;
        white-space: nowrap; }
      th { background: var(--head); font-weight: 600; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.name { white-space: pre-wrap; max-width: 320px; }
      .up { color: #1f8a4c; }
      .down { color: #b4361d; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
      .chart { height: 320px; border: 1px solid var(--edge); }
      section.campaign { break-inside: avoid-page; }
      @media print { .lang { display: none; } .chart { break-inside: avoid; } }
      """;
}
