// The dashboard's style sheet: a two-column grid at desktop widths, one column on a phone (under 760 px).

extension DashboardAssets {
    static let styleCSS = #"""
        :root {
          --ink: #1b2430; --muted: #5b6673; --line: #d5dbe2; --bg: #f4f6f8; --card: #fff; --accent: #1f4e79;
          --bad: #b3261e; --now: #7b3fa0; --same-day: #1f77b4; --next-day: #2ca02c; --standard: #8c8c8c;
          --today: #1f77b4; --previous: #b8c2cc;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); }
        .bar { display: flex; align-items: center; gap: 1rem; padding: .5rem 1rem; background: var(--accent);
          color: #fff; }
        .bar h1 { font-size: 1.1rem; margin: 0; }
        .bar h1 span { font-weight: normal; opacity: .85; }
        .bar p { margin: 0 0 0 auto; font-size: .85rem; }
        .bar button { background: transparent; color: #fff; border: 1px solid #fff; }
        button { font: inherit; padding: .35rem .8rem; border-radius: 4px; border: 1px solid var(--accent);
          background: var(--accent); color: #fff; cursor: pointer; }
        button:focus-visible, input:focus-visible, .node:focus-visible { outline: 3px solid #f0a30a;
          outline-offset: 2px; }
        button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; }
        main { padding: 1rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem;
          min-width: 0; }
        h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
        h3 { font-size: .9rem; margin: .9rem 0 .4rem; color: var(--muted); }
        .muted { color: var(--muted); font-size: .85rem; }
        .error { color: var(--bad); font-weight: 600; min-height: 1.2em; }
        #login { max-width: 30rem; margin: 3rem auto; }
        #login form { display: grid; grid-template-columns: 1fr auto; gap: .5rem; }
        #login label { grid-column: 1 / -1; font-weight: 600; }
        #login input { font: inherit; padding: .35rem; border: 1px solid var(--muted); border-radius: 4px; }
        #login .error { grid-column: 1 / -1; margin: 0; }
        #board { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.6fr); gap: 1rem;
          grid-template-areas: "today network" "flow network" "attention panel"; align-items: start; }
        #today { grid-area: today; } #network { grid-area: network; } #flow { grid-area: flow; }
        #attention { grid-area: attention; } #node-panel { grid-area: panel; position: relative; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: .4rem;
          margin: 0; }
        .figures div { border-left: 3px solid var(--line); padding-left: .5rem; }
        .figures dt { font-size: .75rem; color: var(--muted); }
        .figures dd { margin: 0; font-size: 1.35rem; font-variant-numeric: tabular-nums; }
        .speed-bar { display: flex; height: 14px; border-radius: 3px; overflow: hidden; background: var(--line); }
        .speed-bar span { display: block; height: 100%; }
        .speed-legend, .kinds, .regions, .plain { list-style: none; padding: 0; margin: .4rem 0 0; display: flex;
          flex-wrap: wrap; gap: .3rem 1rem; font-size: .85rem; }
        .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem;
          vertical-align: -1px; }
        .s-now { background: var(--now); } .s-same-day { background: var(--same-day); }
        .s-next-day { background: var(--next-day); } .s-standard { background: var(--standard); }
        .s-today { background: var(--today); } .s-previous { background: var(--previous); }
        .find { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: 0 0 .4rem;
          font-size: .85rem; }
        .find input { font: inherit; padding: .25rem; border: 1px solid var(--muted); border-radius: 4px;
          width: 10rem; }
        .find .error { min-height: 0; }
        #map { width: 100%; height: auto; display: block; }
        .states path { fill: #eef1f4; stroke: #a9b4bf; stroke-width: .7; }
        .node { cursor: pointer; stroke: #fff; stroke-width: .8; }
        .node.station { stroke: none; opacity: .55; }
        .node.selected { stroke: #000; stroke-width: 2.5; }
        .kinds svg { width: .9rem; height: .9rem; vertical-align: -2px; margin-right: .3rem; fill: var(--muted); }
        .regions li { font-size: .8rem; }
        #hours { width: 100%; height: auto; display: block; }
        #hours .today { fill: var(--today); } #hours .previous { fill: none; stroke: #7d8a97; stroke-width: 2; }
        #hours .axis { stroke: var(--line); } #hours text { font-size: 11px; fill: var(--muted); }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; }
        th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid var(--line); }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        .pairs { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: 0;
          font-size: .85rem; }
        .pairs dt { color: var(--muted); } .pairs dd { margin: 0; }
        .close { position: absolute; top: .4rem; right: .5rem; padding: 0 .5rem; font-size: 1.2rem; }
        .scroll { max-height: 16rem; overflow: auto; }
        footer { padding: 0 1rem 1rem; }
        @media (max-width: 760px) {
          main { padding: .5rem; }
          #board { grid-template-columns: minmax(0, 1fr);
            grid-template-areas: "today" "network" "panel" "flow" "attention"; }
          .bar { flex-wrap: wrap; }
          .figures dd { font-size: 1.15rem; }
        }
        """#
}
