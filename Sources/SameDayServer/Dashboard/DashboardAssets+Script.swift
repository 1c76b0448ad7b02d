// The dashboard's script: plain JavaScript, no library. It keeps the operator key in sessionStorage only, reads
// /v1/network and /v1/nodes once, then /v1/kpis every 5 s, and updates the page in place (no reload, no flicker:
// a section is redrawn only when its data changed). The map projection is the one
// scripts/make_state_outlines.py drew the state outlines with.

extension DashboardAssets {
    static let scriptJS = #"""
        "use strict";
        (() => {
          const KEY = "sameday.operatorKey";
          const SVG = "http://www.w3.org/2000/svg"; // the SVG namespace name (not fetched)
          const REFRESH_MS = 5000;
          const K = Math.cos(37 * Math.PI / 180);
          const SCALE = 1000 / (58.5 * K);
          const project = (lat, lon) => [(lon + 125) * K * SCALE, (49.6 - lat) * SCALE];
          const COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#c9a227", "#b07aa1", "#ff9da7",
            "#9c755f", "#6b6ecf"];
          const SHAPES = {
            "fulfillment-center": "M-1-1H1V1H-1z",
            "same-day-site": "M0-1.2L1.1 .8H-1.1z",
            "now-site": "M0-1.2L1.2 0 0 1.2-1.2 0z",
          };
          const KIND_NAMES = {
            "fulfillment-center": "fulfillment center", "same-day-site": "same-day site", "now-site": "now site",
            "delivery-station": "delivery station",
          };
          const $ = (id) => document.getElementById(id);
          const view = { timer: null, nodes: new Map(), markers: new Map(), regionColor: new Map(), selected: null,
            drawn: new Map(), kpis: null, generation: 0, figures: [] };

          class ApiError extends Error {
            constructor(path, status, problem) {
              super((problem && problem.detail) || `${path} answered ${status}`);
              this.status = status;
              this.code = problem && problem.code;
              this.path = path;
            }
          }

          async function api(path) {
            const response = await fetch(path, {
              headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}`, Accept: "application/json" },
              cache: "no-store",
            });
            if (!response.ok) {
              let problem = null;
              try { problem = await response.json(); } catch (_) { problem = null; }
              throw new ApiError(path, response.status, problem);
            }
            return response.json();
          }

          function el(tag, attributes = {}, ...children) {
            const node = document.createElement(tag);
            for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
            node.append(...children);
            return node;
          }

          function svg(tag, attributes = {}, ...children) {
            const node = document.createElementNS(SVG, tag);
            for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
            node.append(...children);
            return node;
          }

          // Numbers as the page shows them; null (no data yet) is a dash.
          function format(value, kind) {
            if (value === null || value === undefined) return "—";
            if (kind === "share") return `${(value * 100).toFixed(1)}%`;
            if (kind === "ratio") return value.toFixed(2);
            return Number.isInteger(value) ? value.toLocaleString("en-US") : String(value);
          }

          function member(object, path) {
            return path.split(".").reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), object);
          }

          // An element showing one /v1/kpis number: `data-kpi` is its path, `data-value` the JSON value shown.
          function mark(node, path, value) {
            node.setAttribute("data-kpi", path);
            node.setAttribute("data-value", JSON.stringify(value === undefined ? null : value));
            return node;
          }

          function time(iso) { return typeof iso === "string" ? iso.slice(11, 16) : "—"; }

          // Redraws a section only when its data changed since the last refresh.
          function changed(name, data) {
            const text = JSON.stringify(data);
            if (view.drawn.get(name) === text) return false;
            view.drawn.set(name, text);
            return true;
          }

          function showLogin(message) {
            clearTimeout(view.timer);
            view.generation += 1;
            view.drawn.clear();
            view.selected = null;
            $("board").hidden = true;
            $("logout").hidden = true;
            $("login").hidden = false;
            $("status").textContent = "";
            $("login-error").textContent = message || "";
            $("key").value = "";
            $("key").focus();
          }

          function refusal(error) {
            const who = error.status === 403 ? "This key may not read the dashboard" : "The server refused this key";
            return `${who} (${error.status} ${error.code || ""}): ${error.message}`;
          }

          async function start() {
            const generation = ++view.generation;
            $("login-error").textContent = "";
            $("status").textContent = "Loading…";
            let network, nodes;
            try {
              [network, nodes] = await Promise.all([api("/v1/network"), api("/v1/nodes")]);
            } catch (error) {
              if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
                sessionStorage.removeItem(KEY);
                showLogin(refusal(error));
              } else {
                $("status").textContent = "";
                $("login").hidden = false;
                $("login-error").textContent = `Cannot load the network: ${error.message}`;
              }
              return;
            }
            if (generation !== view.generation) return;
            $("login").hidden = true;
            $("board").hidden = false;
            $("logout").hidden = false;
            drawMap(network, nodes);
            await refresh(generation);
          }

          async function refresh(generation) {
            if (generation !== view.generation) return;
            try {
              const kpis = await api("/v1/kpis");
              if (generation !== view.generation) return;
              $("kpi-error").hidden = true;
              render(kpis);
              $("status").textContent = `Updated ${time(kpis.asOf)}`;
            } catch (error) {
              if (generation !== view.generation) return;
              if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
                sessionStorage.removeItem(KEY);
                showLogin(refusal(error));
                return;
              }
              $("kpi-error").hidden = false;
              $("kpi-error").textContent = error instanceof ApiError
                ? `Today's figures are not available: ${error.message}`
                : "Cannot reach the server; retrying.";
              $("status").textContent = "Not updated";
            }
            if (view.selected) loadNodeDetails(view.selected, generation, false);
            view.timer = setTimeout(() => refresh(generation), REFRESH_MS);
          }

          function render(kpis) {
            view.kpis = kpis;
            $("day").textContent = kpis.date || "";
            $("as-of").textContent = kpis.asOf || "—";
            for (const node of view.figures) {
              const value = member(kpis, node.getAttribute("data-kpi"));
              const text = format(value, node.getAttribute("data-format"));
              if (node.textContent !== text) node.textContent = text;
              mark(node, node.getAttribute("data-kpi"), value);
            }
            drawSpeed(kpis.speed || {});
            sizeNodes(kpis.nodes || []);
            drawHours(kpis.hours || [], (kpis.previousDay && kpis.previousDay.hours) || []);
            $("previous-day").textContent = (kpis.previousDay && kpis.previousDay.date) || "";
            drawAttention(kpis.attention || { stockouts: [], atRisk: [] });
          }

          function drawSpeed(speed) {
            if (!changed("speed", speed)) return;
            const bar = svg("svg", { viewBox: "0 0 100 4", preserveAspectRatio: "none", width: "100%", height: "14" });
            let x = 0;
            for (const [name, color] of [["now", "#7b3fa0"], ["same-day", "#1f77b4"], ["next-day", "#2ca02c"],
              ["standard", "#8c8c8c"]]) {
              const width = (speed[name] || 0) * 100;
              bar.append(svg("rect", { x: x, y: 0, width: width, height: 4, fill: color }));
              x += width;
            }
            $("speed-bar").replaceChildren(bar);
          }

          function drawMap(network, nodes) {
            (network.regions || []).forEach((region, i) => view.regionColor.set(region.id, COLORS[i % COLORS.length]));
            $("regions").replaceChildren(...(network.regions || []).map((region) => el("li", {},
              svg("svg", { viewBox: "0 0 10 10", width: "10", height: "10", "aria-hidden": "true" },
                svg("circle", { cx: 5, cy: 5, r: 5, fill: view.regionColor.get(region.id) })),
              ` ${region.name}`)));
            const layer = $("nodes");
            const stations = [], shipping = [];
            view.nodes.clear();
            view.markers.clear();
            for (const node of nodes) {
              view.nodes.set(node.id, node);
              (node.kind === "delivery-station" ? stations : shipping).push(node);
            }
            const markers = [];
            for (const node of [...stations, ...shipping]) {
              const [x, y] = project(node.lat, node.lon);
              const color = view.regionColor.get(node.region) || "#555";
              const label = `${node.id}, ${KIND_NAMES[node.kind] || node.kind}, region ${node.region}`;
              const marker = node.kind === "delivery-station"
                ? svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 2, fill: color, class: "node station" })
                : svg("path", { d: SHAPES[node.kind] || SHAPES["fulfillment-center"], fill: color, class: "node",
                  transform: `translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(4)`,
                  "vector-effect": "non-scaling-stroke" });
              marker.setAttribute("tabindex", node.kind === "delivery-station" ? "-1" : "0");
              marker.setAttribute("role", "button");
              marker.setAttribute("aria-label", label);
              marker.setAttribute("data-node", node.id);
              marker.append(svg("title", {}, label));
              view.markers.set(node.id, marker);
              markers.push(marker);
            }
            layer.replaceChildren(...markers);
            $("node-ids").replaceChildren(...nodes.map((node) => el("option", { value: node.id })));
          }

          // Shipping nodes sized by today's units: area proportional to units, at least a visible dot.
          function sizeNodes(figures) {
            if (!changed("nodes", figures)) return;
            const max = Math.max(1, ...figures.map((n) => n.units || 0));
            const byID = new Map(figures.map((n, i) => [n.id, [n, i]]));
            for (const [id, marker] of view.markers) {
              const node = view.nodes.get(id);
              if (node.kind === "delivery-station") continue;
              const [figure, index] = byID.get(id) || [null, -1];
              const units = figure ? figure.units : 0;
              const [x, y] = project(node.lat, node.lon);
              const scale = 4 + 10 * Math.sqrt(units / max);
              marker.setAttribute("transform", `translate(${x.toFixed(1)} ${y.toFixed(1)}) scale(${scale.toFixed(2)})`);
              const label = `${id}, ${KIND_NAMES[node.kind]}, region ${node.region}, ${format(units)} units today`;
              marker.setAttribute("aria-label", label);
              marker.querySelector("title").textContent = label;
              if (figure) mark(marker, `nodes.${index}.units`, units);
            }
          }

          function drawHours(hours, previous) {
            if (!changed("hours", [hours, previous])) return;
            const chart = $("hours");
            const left = 40, bottom = 220, top = 10, width = 670;
            const slot = width / 24;
            const hourOf = (h) => Number(String(h.hour).slice(11, 13));
            const max = Math.max(1, ...hours.map((h) => h.orders || 0), ...previous.map((h) => h.orders || 0));
            const y = (v) => bottom - (bottom - top) * v / max;
            const parts = [svg("line", { x1: left, y1: bottom, x2: left + width, y2: bottom, class: "axis" }),
              svg("text", { x: left - 6, y: bottom, "text-anchor": "end" }, "0"),
              svg("text", { x: left - 6, y: top + 8, "text-anchor": "end" }, format(max))];
            for (let h = 0; h < 24; h += 3) {
              parts.push(svg("text", { x: left + slot * h + slot / 2, y: bottom + 15, "text-anchor": "middle" },
                `${String(h).padStart(2, "0")}h`));
            }
            const before = new Map(previous.map((h) => [hourOf(h), h.orders]));
            hours.forEach((h, i) => {
              const hour = hourOf(h);
              const bar = svg("rect", { class: "today", x: (left + slot * hour + 2).toFixed(1),
                width: (slot - 4).toFixed(1),
                y: y(h.orders).toFixed(1), height: (bottom - y(h.orders)).toFixed(1) },
                svg("title", {}, `${String(hour).padStart(2, "0")}:00 · ${format(h.orders)} orders today` +
                  (before.has(hour) ? `, ${format(before.get(hour))} the previous day` : "")));
              parts.push(mark(bar, `hours.${i}.orders`, h.orders));
            });
            const points = previous.map((h) =>
              `${(left + slot * hourOf(h) + slot / 2).toFixed(1)},${y(h.orders).toFixed(1)}`);
            if (points.length) parts.push(svg("polyline", { class: "previous", points: points.join(" ") }));
            chart.replaceChildren(...parts);
          }

          function nodeButton(id) {
            const button = el("button", { type: "button", class: "link" }, id);
            button.addEventListener("click", () => openNode(id));
            return button;
          }

          function drawAttention(attention) {
            if (!changed("attention", attention)) return;
            const stockouts = attention.stockouts || [];
            $("stockouts").replaceChildren(...(stockouts.length ? stockouts.map((s, i) => el("li", {},
              nodeButton(s.node), " ", mark(el("span", {}, s.sku), `attention.stockouts.${i}.sku`, s.sku)))
              : [el("li", { class: "muted" }, "None.")]));
            const risks = attention.atRisk || [];
            if (!risks.length) { $("at-risk").replaceChildren(el("p", { class: "muted" }, "None.")); return; }
            const rows = risks.slice(0, 50).map((r, i) => el("tr", {},
              el("td", {}, r.shipment), el("td", {}, nodeButton(r.node)), el("td", {}, time(r.deliverBy)),
              el("td", { class: "n" }, mark(el("span", {}, format(r.slackMinutes)),
                `attention.atRisk.${i}.slackMinutes`, r.slackMinutes))));
            $("at-risk").replaceChildren(el("div", { class: "scroll" }, el("table", {},
              el("thead", {}, el("tr", {}, el("th", {}, "Shipment"), el("th", {}, "Node"), el("th", {}, "Deliver by"),
                el("th", { class: "n" }, "Slack (min)"))),
              el("tbody", {}, ...rows))));
          }

          function openNode(id) {
            if (!view.nodes.has(id)) return;
            const previous = view.selected && view.markers.get(view.selected);
            if (previous) previous.classList.remove("selected");
            view.selected = id;
            const marker = view.markers.get(id);
            if (marker) marker.classList.add("selected");
            const node = view.nodes.get(id);
            view.drawn.delete("panel-stock");
            view.drawn.delete("panel-shipments");
            $("node-title").textContent = id;
            $("node-summary").textContent =
              `${KIND_NAMES[node.kind] || node.kind} · region ${node.region} · ${node.timezone}`;
            $("node-schedule").replaceChildren(el("dt", {}, "Loading"), el("dd", {}, "…"));
            $("node-shipments").replaceChildren(el("p", { class: "muted" }, "Loading…"));
            $("node-stock").replaceChildren(el("p", { class: "muted" }, "Loading…"));
            $("node-panel").hidden = false;
            $("node-panel").focus();
            loadNodeDetails(id, view.generation, true);
          }

          function closeNode() {
            const marker = view.selected && view.markers.get(view.selected);
            if (marker) { marker.classList.remove("selected"); marker.focus(); }
            view.selected = null;
            $("node-panel").hidden = true;
          }

          async function loadNodeDetails(id, generation, withSchedule) {
            const node = view.nodes.get(id);
            const shipping = node.kind !== "delivery-station";
            const [detail, stock, shipments] = await Promise.allSettled([
              withSchedule ? api(`/v1/nodes/${encodeURIComponent(id)}`) : Promise.resolve(null),
              shipping ? api(`/v1/nodes/${encodeURIComponent(id)}/stock`) : Promise.resolve([]),
              shipping ? api(`/v1/nodes/${encodeURIComponent(id)}/shipments`) : Promise.resolve({ shipments: [] }),
            ]);
            if (generation !== view.generation || view.selected !== id) return;
            if (withSchedule) drawSchedule(detail);
            drawPanelPart("panel-shipments", $("node-shipments"), shipments, (value) => shipmentsTable(value.shipments,
              shipping ? "No open shipments." : "A delivery station sends no shipments of its own."));
            drawPanelPart("panel-stock", $("node-stock"), stock, (value) => stockTable(value,
              shipping ? "No stock here." : "A delivery station holds no stock."));
          }

          function drawPanelPart(name, target, result, draw) {
            const data = result.status === "fulfilled" ? result.value : { error: result.reason.message };
            if (!changed(name, data)) return;
            target.replaceChildren(result.status === "fulfilled" ? draw(result.value)
              : el("p", { class: "error" }, `Not available: ${result.reason.message}`));
          }

          function drawSchedule(result) {
            const rows = [];
            if (result.status !== "fulfilled") {
              rows.push(el("dt", {}, "Error"), el("dd", {}, result.reason.message));
            } else {
              const n = result.value;
              if (n.processingMinutes !== undefined) {
                rows.push(el("dt", {}, "Processing"), el("dd", {}, `${n.processingMinutes} min`));
              }
              if (n.sortMinutes !== undefined) rows.push(el("dt", {}, "Sorting"), el("dd", {}, `${n.sortMinutes} min`));
              if (n.waves) rows.push(el("dt", {}, "Waves"),
                el("dd", {}, n.waves.map((w) => `departs ${w.departs}, delivered by ${w.deliversBy}`).join("; ")
                  || "none"));
              rows.push(el("dt", {}, "Temperatures"), el("dd", {}, (n.temperatures || []).join(", ") || "—"));
              rows.push(el("dt", {}, "Closed"), el("dd", {}, (n.closedDates || []).join(", ") || "never"));
              if (n.zips) rows.push(el("dt", {}, "ZIPs served"), el("dd", {}, String(n.zips.length)));
            }
            $("node-schedule").replaceChildren(...rows);
          }

          function shipmentsTable(shipments, empty) {
            if (!shipments || !shipments.length) return el("p", { class: "muted" }, empty);
            return el("div", { class: "scroll" }, el("table", {},
              el("thead", {}, el("tr", {}, el("th", {}, "Shipment"), el("th", {}, "Status"), el("th", {}, "Deliver by"),
                el("th", {}, "Changeable until"), el("th", { class: "n" }, "Units"))),
              el("tbody", {}, ...shipments.slice(0, 200).map((s) => el("tr", {}, el("td", {}, s.id),
                el("td", {}, s.status), el("td", {}, time(s.deliverBy)), el("td", {}, time(s.modifiableUntil)),
                el("td", { class: "n" }, format(s.units)))))));
          }

          function stockTable(rows, empty) {
            if (!rows || !rows.length) return el("p", { class: "muted" }, empty);
            const sorted = [...rows].sort((a, b) => a.available - b.available || (a.sku < b.sku ? -1 : 1));
            return el("div", {}, el("p", { class: "muted" }, `${format(rows.length)} SKUs, fewest available first.`),
              el("div", { class: "scroll" }, el("table", {},
                el("thead", {}, el("tr", {}, el("th", {}, "SKU"), el("th", { class: "n" }, "On hand"),
                  el("th", { class: "n" }, "Reserved"), el("th", { class: "n" }, "Available"))),
                el("tbody", {}, ...sorted.slice(0, 200).map((s) => el("tr", {}, el("td", {}, s.sku),
                  el("td", { class: "n" }, format(s.onHand)), el("td", { class: "n" }, format(s.reserved)),
                  el("td", { class: "n" }, format(s.available))))))));
          }

          document.addEventListener("DOMContentLoaded", () => {
            view.figures = [...document.querySelectorAll("[data-kpi]")]; // the page's fixed figures
            for (const node of view.figures) node.textContent = "—";
            $("key-form").addEventListener("submit", (event) => {
              event.preventDefault();
              const key = $("key").value.trim();
              if (!key) return;
              sessionStorage.setItem(KEY, key);
              $("key").value = "";
              start();
            });
            $("logout").addEventListener("click", () => { sessionStorage.removeItem(KEY); showLogin("Logged out."); });
            $("node-close").addEventListener("click", closeNode);
            $("node-panel").addEventListener("keydown", (event) => { if (event.key === "Escape") closeNode(); });
            // Every node, stations included, can be opened from the keyboard by its id.
            $("find-node").addEventListener("submit", (event) => {
              event.preventDefault();
              const id = $("node-id").value.trim().toUpperCase();
              $("find-error").textContent = view.nodes.has(id) ? "" : `No node ${id || "named"} in this network.`;
              if (view.nodes.has(id)) openNode(id);
            });
            const layer = $("nodes");
            layer.addEventListener("click", (event) => {
              const target = event.target.closest("[data-node]");
              if (target) openNode(target.getAttribute("data-node"));
            });
            layer.addEventListener("keydown", (event) => {
              const target = event.target.closest("[data-node]");
              if (target && (event.key === "Enter" || event.key === " ")) {
                event.preventDefault();
                openNode(target.getAttribute("data-node"));
              }
            });
            if (sessionStorage.getItem(KEY)) start(); else showLogin("");
          });
        })();

        """#
}
