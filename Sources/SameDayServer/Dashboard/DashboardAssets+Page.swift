// The dashboard's HTML: the key form, then today's figures, the map, the flow chart and what needs attention.
// Every number from /v1/kpis is written by dashboard.js into an element carrying `data-kpi` (its member path in
// the /v1/kpis answer) and `data-value` (the JSON value shown), so a test can compare the page with the API.

extension DashboardAssets {
    static let pageHTML = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>SameDay · operator dashboard</title>
        <link rel="icon" href="/dashboard/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/dashboard/dashboard.css">
        <script src="/dashboard/dashboard.js" defer></script>
        </head>
        <body>
        <header class="bar">
          <h1>SameDay <span>operator dashboard</span></h1>
          <p id="status" role="status" aria-live="polite"></p>
          <button id="logout" type="button" hidden>Log out</button>
        </header>
        <main>
        <section id="login" class="card" aria-labelledby="login-title">
          <h2 id="login-title">Open the dashboard</h2>
          <form id="key-form" autocomplete="off">
            <label for="key">Operator API key</label>
            <input id="key" name="key" type="password" spellcheck="false" required>
            <button type="submit">Open</button>
            <p id="login-error" class="error" role="alert"></p>
          </form>
          <p class="hint">The key stays in this browser tab only (session storage; never in the address, a cookie
            or local storage). <code>sameday serve</code> prints one when it creates a database;
            <code>sameday keys create --role operator</code> makes another.</p>
        </section>

        <div id="board" hidden>
        <section id="today" class="card" aria-labelledby="today-title">
          <h2 id="today-title">Today <span id="day" class="muted"></span></h2>
          <p id="kpi-error" class="error" role="alert" hidden></p>
          <dl class="figures">
            <div><dt>Orders</dt><dd data-kpi="orders"></dd></div>
            <div><dt>Units</dt><dd data-kpi="units"></dd></div>
            <div><dt>Promises kept</dt><dd data-kpi="promisesKept" data-format="share"></dd></div>
            <div><dt>Late shipments</dt><dd data-kpi="lateShipments"></dd></div>
            <div><dt>Units per container</dt><dd data-kpi="unitsPerContainer" data-format="ratio"></dd></div>
            <div><dt>Shipments per order</dt><dd data-kpi="shipmentsPerOrder" data-format="ratio"></dd></div>
            <div><dt>In-region units</dt><dd data-kpi="inRegionUnits" data-format="share"></dd></div>
            <div><dt>Refused for stock</dt><dd data-kpi="outOfStockOrders"></dd></div>
            <div><dt>Unavailable orders</dt><dd data-kpi="unavailableOrders"></dd></div>
            <div><dt>Km per unit</dt><dd data-kpi="kmPerUnit" data-format="ratio"></dd></div>
          </dl>
          <h3>Speed mix</h3>
          <div id="speed-bar" class="speed-bar" aria-hidden="true"></div>
          <ul class="speed-legend">
            <li><span class="swatch s-now"></span>Now <b data-kpi="speed.now" data-format="share"></b></li>
            <li><span class="swatch s-same-day"></span>Same-day <b data-kpi="speed.same-day"
                data-format="share"></b></li>
            <li><span class="swatch s-next-day"></span>Next-day <b data-kpi="speed.next-day"
                data-format="share"></b></li>
            <li><span class="swatch s-standard"></span>Standard <b data-kpi="speed.standard"
                data-format="share"></b></li>
          </ul>
        </section>

        <section id="network" class="card" aria-labelledby="network-title">
          <h2 id="network-title">Network</h2>
          <p class="muted">Shipping nodes sized by today's units, coloured by region. Select a node (click, or Tab
            and Enter) for its stock, schedule and open shipments.</p>
          <form id="find-node" class="find" role="search">
            <label for="node-id">Find a node</label>
            <input id="node-id" list="node-ids" autocomplete="off" spellcheck="false" placeholder="DS-WA-001">
            <datalist id="node-ids"></datalist>
            <button type="submit">Open</button>
            <span id="find-error" class="error" role="alert"></span>
          </form>
          <svg id="map" viewBox="0 0 1000 540" role="group" aria-label="Map of the network's nodes">
            <g class="states" aria-hidden="true">
        \#(stateOutlines)
            </g>
            <g id="nodes"></g>
          </svg>
          <ul class="kinds" aria-label="Node kinds">
            <li><svg viewBox="0 0 12 12" aria-hidden="true"><rect x="1" y="1" width="10" height="10"/></svg>Fulfillment
              center</li>
            <li><svg viewBox="0 0 12 12" aria-hidden="true"><path d="M6 0L12 11H0z"/></svg>Same-day site</li>
            <li><svg viewBox="0 0 12 12" aria-hidden="true"><path d="M6 0L12 6 6 12 0 6z"/></svg>Now site</li>
            <li><svg viewBox="0 0 12 12" aria-hidden="true"><circle cx="6" cy="6" r="3"/></svg>Delivery station</li>
          </ul>
          <ul id="regions" class="regions" aria-label="Regions"></ul>
        </section>

        <aside id="node-panel" class="card" hidden aria-labelledby="node-title" tabindex="-1">
          <button id="node-close" type="button" class="close" aria-label="Close node details">×</button>
          <h2 id="node-title"></h2>
          <p id="node-summary" class="muted"></p>
          <h3>Schedule</h3>
          <dl id="node-schedule" class="pairs"></dl>
          <h3>Open shipments</h3>
          <div id="node-shipments"></div>
          <h3>Stock</h3>
          <div id="node-stock"></div>
        </aside>

        <section id="flow" class="card" aria-labelledby="flow-title">
          <h2 id="flow-title">Orders per hour</h2>
          <p class="muted"><span class="swatch s-today"></span>today
            <span class="swatch s-previous"></span>previous day (<span id="previous-day"></span>)</p>
          <svg id="hours" viewBox="0 0 720 240" role="img"
            aria-label="Orders per hour today and the previous day"></svg>
          <h3>Shipments by status</h3>
          <dl class="figures status">
            <div><dt>Placed</dt><dd data-kpi="shipmentsByStatus.placed"></dd></div>
            <div><dt>Picking</dt><dd data-kpi="shipmentsByStatus.picking"></dd></div>
            <div><dt>Shipped</dt><dd data-kpi="shipmentsByStatus.shipped"></dd></div>
            <div><dt>Delivered</dt><dd data-kpi="shipmentsByStatus.delivered"></dd></div>
          </dl>
        </section>

        <section id="attention" class="card" aria-labelledby="attention-title">
          <h2 id="attention-title">Attention</h2>
          <h3>Stockouts of top SKUs</h3>
          <ul id="stockouts" class="plain"></ul>
          <h3>Shipments at risk</h3>
          <div id="at-risk"></div>
        </section>
        </div>
        </main>
        <footer class="muted">As of <span id="as-of">—</span> · refreshes every 5 s</footer>
        </body>
        </html>

        """#
}
