// The entity graph page. The extension posts {type: 'graph', data} (src/core/corpus/graph.ts); this lays the
// nodes out with a small force simulation (deterministic: the same graph always gives the same picture) and
// draws them as SVG. Labels go in through textContent only; nothing from the data becomes markup, a class name
// or a URL. A click or Enter on a node posts {type: 'reveal', id}.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const SVG_NS = 'http://www.w3.org/2000/svg';
  /** The types the page knows: the only class names it ever builds. Their legend titles come with the data. */
  const TYPES = ['person', 'organization', 'place', 'nationality', 'event', 'date', 'quantity'];
  /** type → legend title, as the extension words it (shown as text only). */
  let titles = {};
  const MIN_ZOOM = 0.2;
  const MAX_ZOOM = 6;

  const svg = /** @type {SVGSVGElement} */ (document.getElementById('graph'));
  const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
  const legend = /** @type {HTMLElement} */ (document.getElementById('legend'));
  const empty = /** @type {HTMLElement} */ (document.getElementById('empty'));

  const saved = vscode.getState();
  /** Zoom and pan, kept while the panel is hidden and across updates. */
  let view = validView(saved && saved.view) || { zoom: 1, x: 0, y: 0 };
  /** id → last laid-out position, so that an update moves the picture as little as it must. */
  let positions = new Map();
  let current = undefined;
  let viewport = undefined;

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'graph') return;
    titles = message.titles && typeof message.titles === 'object' ? message.titles : {};
    const graph = clean(message.data);
    if (graph) render(graph);
  });

  // ---- Data: checked again here, whatever the extension sent. ----

  function count(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
  }

  function clean(data) {
    if (!data || !Array.isArray(data.nodes) || !Array.isArray(data.edges)) return undefined;
    const nodes = [];
    const byId = new Map();
    for (const n of data.nodes) {
      if (!n || typeof n.id !== 'string' || typeof n.name !== 'string' || byId.has(n.id)) continue;
      if (!TYPES.includes(n.type)) continue;
      const node = { id: n.id, name: n.name, type: n.type, mentions: Math.max(1, count(n.mentions)), documents: count(n.documents), index: nodes.length, x: 0, y: 0 };
      nodes.push(node);
      byId.set(n.id, node);
    }
    const edges = [];
    for (const e of data.edges) {
      const source = e && byId.get(e.source);
      const target = e && byId.get(e.target);
      if (!source || !target || source === target) continue;
      edges.push({ source, target, weight: Math.max(1, count(e.weight)) });
    }
    return { nodes, edges, totalEntities: Math.max(nodes.length, count(data.totalEntities)), totalEdges: Math.max(edges.length, count(data.totalEdges)) };
  }

  function validView(v) {
    if (!v || ![v.zoom, v.x, v.y].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
    return { zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom)), x: v.x, y: v.y };
  }

  // ---- Layout: Fruchterman–Reingold with gravity, a fixed start and a fixed number of steps. ----

  /** The preferred distance between linked nodes, in layout units. */
  const SPRING = 80;
  /** Nodes further apart than this do not push each other: separate groups are held near by gravity alone. */
  const REACH = SPRING * 3.5;

  function layout(nodes, edges) {
    const n = nodes.length;
    let known = 0;
    nodes.forEach((node, i) => {
      const previous = positions.get(node.id);
      if (previous) {
        node.x = previous.x;
        node.y = previous.y;
        known++;
        return;
      }
      // A sunflower spiral: the most mentioned in the middle, no two nodes on one spot.
      const r = SPRING * 0.6 * Math.sqrt(i + 0.5);
      const a = i * 2.399963229728653;
      node.x = r * Math.cos(a);
      node.y = r * Math.sin(a);
    });
    const maxWeight = edges.reduce((m, e) => Math.max(m, e.weight), 1);
    const springs = edges.map((e) => ({ a: e.source.index, b: e.target.index, strength: 0.4 + 0.6 * Math.sqrt(e.weight / maxWeight) }));
    // Well-linked entities push harder (ForceAtlas-style masses), so that hubs get room around them.
    const mass = new Float64Array(n).fill(1);
    for (const e of edges) {
      mass[e.source.index] += 0.25;
      mass[e.target.index] += 0.25;
    }
    const k2 = SPRING * SPRING;
    const reach2 = REACH * REACH;
    const dx = new Float64Array(n);
    const dy = new Float64Array(n);
    // Mostly known positions: a gentle settle rather than a fresh layout.
    let temperature = known > n / 2 ? SPRING * 0.5 : SPRING * 2;
    const steps = 400;
    const cooling = Math.pow(0.5 / temperature, 1 / steps);
    for (let step = 0; step < steps; step++) {
      dx.fill(0);
      dy.fill(0);
      for (let i = 0; i < n; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < n; j++) {
          const b = nodes[j];
          const x = a.x - b.x;
          const y = a.y - b.y;
          const d2 = x * x + y * y + 0.01;
          if (d2 > reach2 * mass[i] * mass[j]) continue;
          const f = (k2 * mass[i] * mass[j]) / d2;
          dx[i] += x * f;
          dy[i] += y * f;
          dx[j] -= x * f;
          dy[j] -= y * f;
        }
      }
      for (const s of springs) {
        const a = nodes[s.a];
        const b = nodes[s.b];
        const x = a.x - b.x;
        const y = a.y - b.y;
        // LinLog attraction: far ends pull less than Fruchterman–Reingold's square, so dense groups open up.
        const d = Math.sqrt(x * x + y * y) + 0.01;
        const f = (SPRING * Math.log(1 + d / SPRING) * s.strength) / d;
        dx[s.a] -= x * f;
        dy[s.a] -= y * f;
        dx[s.b] += x * f;
        dy[s.b] += y * f;
      }
      for (let i = 0; i < n; i++) {
        const node = nodes[i];
        // Gravity keeps unlinked entities and small groups close to the rest.
        dx[i] -= node.x * 0.08 * mass[i];
        dy[i] -= node.y * 0.08 * mass[i];
        const length = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (length > 0) {
          const move = Math.min(length, temperature) / length;
          node.x += dx[i] * move;
          node.y += dy[i] * move;
        }
      }
      temperature *= cooling;
    }
    positions = new Map(nodes.map((node) => [node.id, { x: node.x, y: node.y }]));
  }

  // ---- Drawing ----

  function el(name, attributes) {
    const element = document.createElementNS(SVG_NS, name);
    for (const key of Object.keys(attributes || {})) element.setAttribute(key, String(attributes[key]));
    return element;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function render(graph) {
    // A redraw (the workspace changed) keeps the keyboard focus on the same entity.
    const focused = current && current.nodes.find((n) => n.element === document.activeElement);
    current = graph;
    svg.replaceChildren();
    legend.replaceChildren();
    const { nodes, edges } = graph;
    empty.hidden = nodes.length > 0;
    svg.toggleAttribute('hidden', nodes.length === 0);
    if (nodes.length === 0) {
      summary.textContent = 'No entities to draw.';
      return;
    }
    summary.textContent =
      (graph.totalEntities > nodes.length ? `The ${nodes.length} most mentioned of ${graph.totalEntities} entities` : plural(nodes.length, 'entity', 'entities')) +
      ` · ${plural(edges.length, 'link', 'links')}: named in the same sentence` +
      (graph.totalEdges > edges.length ? ` (the ${edges.length} strongest of ${graph.totalEdges})` : '');

    for (const type of TYPES) {
      if (!nodes.some((n) => n.type === type)) continue;
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch type-${type}`;
      const title = Object.prototype.hasOwnProperty.call(titles, type) && typeof titles[type] === 'string' ? titles[type] : type;
      item.append(swatch, document.createTextNode(title));
      legend.append(item);
    }

    layout(nodes, edges);
    const maxMentions = nodes.reduce((m, n) => Math.max(m, n.mentions), 1);
    const maxWeight = edges.reduce((m, e) => Math.max(m, e.weight), 1);
    const neighbours = new Map(nodes.map((n) => [n, new Set()]));
    for (const e of edges) {
      neighbours.get(e.source).add(e.target);
      neighbours.get(e.target).add(e.source);
    }

    viewport = el('g', { class: 'viewport' });
    const edgeLayer = el('g', { class: 'edges' });
    const nodeLayer = el('g', { class: 'nodes' });
    viewport.append(edgeLayer, nodeLayer);
    svg.append(viewport);

    for (const e of edges) {
      const strength = Math.sqrt(e.weight / maxWeight);
      e.line = el('line', { class: 'edge', 'stroke-width': (1 + 5 * strength).toFixed(2), 'stroke-opacity': (0.12 + 0.4 * strength).toFixed(2) });
      const title = el('title');
      title.textContent = `${e.source.name} and ${e.target.name}: named together in ${plural(e.weight, 'sentence', 'sentences')}`;
      e.line.append(title);
      edgeLayer.append(e.line);
    }

    for (const node of nodes) {
      node.radius = 5 + 15 * Math.sqrt(node.mentions / maxMentions);
      const g = el('g', { class: `node type-${node.type}`, tabindex: 0, role: 'button' });
      g.setAttribute('aria-label', `${node.name} (${node.type})`);
      const title = el('title');
      title.textContent = `${node.name} (${node.type}): ${plural(node.mentions, 'mention', 'mentions')} in ${plural(node.documents, 'document', 'documents')}`;
      const circle = el('circle', { r: node.radius.toFixed(2) });
      const label = el('text', { x: (node.radius + 3).toFixed(2), dy: '0.35em' });
      label.textContent = node.name.length > 40 ? `${node.name.slice(0, 39)}…` : node.name;
      g.append(title, circle, label);
      // Measured once drawn (see below); a rough guess until then.
      node.label = label;
      node.labelWidth = label.textContent.length * 6.5;
      g.addEventListener('click', () => reveal(node));
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          reveal(node);
        }
      });
      const on = () => highlight(node, neighbours.get(node), edges);
      const off = () => highlight(undefined, undefined, edges);
      g.addEventListener('mouseenter', on);
      g.addEventListener('focus', on);
      g.addEventListener('mouseleave', off);
      g.addEventListener('blur', off);
      node.element = g;
      nodeLayer.append(g);
    }
    for (const node of nodes) {
      const measured = node.label.getComputedTextLength();
      if (measured > 0) node.labelWidth = measured;
    }
    place();
    const refocus = focused && nodes.find((n) => n.id === focused.id);
    if (refocus) refocus.element.focus();
  }

  function reveal(node) {
    vscode.postMessage({ type: 'reveal', id: node.id });
  }

  function highlight(node, near, edges) {
    svg.classList.toggle('highlight', !!node);
    for (const n of current ? current.nodes : []) n.element.classList.toggle('near', !!node && (n === node || near.has(n)));
    for (const e of edges) e.line.classList.toggle('near', !!node && (e.source === node || e.target === node));
  }

  /** Scales the layout to the panel (positions only: circles and labels keep their size) and sets the viewBox. */
  function place() {
    if (!current || current.nodes.length === 0) return;
    const { nodes, edges } = current;
    const box = svg.getBoundingClientRect();
    const width = Math.max(200, box.width || 800);
    const height = Math.max(150, box.height || 600);
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const n of nodes) {
      minX = Math.min(minX, n.x);
      maxX = Math.max(maxX, n.x);
      minY = Math.min(minY, n.y);
      maxY = Math.max(maxY, n.y);
    }
    // Every circle and its label inside the panel: the widest scale at which the right-most labels still fit.
    const margin = 12;
    const maxRadius = nodes.reduce((m, n) => Math.max(m, n.radius), 0);
    const left0 = margin + maxRadius;
    let sx = 1.5;
    for (const n of nodes) {
      const room = width - margin - left0 - n.radius - 3 - n.labelWidth;
      if (n.x > minX) sx = Math.min(sx, Math.max(0.05, room) / (n.x - minX));
    }
    let sy = Math.min(1.5, (height - 2 * (margin + maxRadius)) / Math.max(1, maxY - minY));
    // Neither axis stretched more than twice the other: the picture fills a tall or wide panel without
    // distorting much.
    sx = Math.min(sx, sy * 2);
    sy = Math.min(sy, sx * 2);
    const right = nodes.reduce((m, n) => Math.max(m, left0 + (n.x - minX) * sx + n.radius + 3 + n.labelWidth), 0);
    const left = left0 + Math.max(0, (width - margin - right) / 2);
    const top = (height - (maxY - minY) * sy) / 2;
    for (const n of nodes) {
      n.px = left + (n.x - minX) * sx;
      n.py = top + (n.y - minY) * sy;
    }
    separateLabels(nodes, height);
    for (const n of nodes) n.element.setAttribute('transform', `translate(${n.px.toFixed(1)} ${n.py.toFixed(1)})`);
    for (const e of edges) {
      e.line.setAttribute('x1', e.source.px.toFixed(1));
      e.line.setAttribute('y1', e.source.py.toFixed(1));
      e.line.setAttribute('x2', e.target.px.toFixed(1));
      e.line.setAttribute('y2', e.target.py.toFixed(1));
    }
    svg.setAttribute('viewBox', `0 0 ${width.toFixed(1)} ${height.toFixed(1)}`);
    applyView();
  }

  /**
   * Moves nodes up or down, a few pixels at a time, until no circle-and-label box covers another: the layout
   * keeps its shape and every name stays readable. Deterministic, like the layout.
   */
  function separateLabels(nodes, height) {
    const boxes = nodes.map((n) => ({ node: n, left: -n.radius, right: n.radius + 3 + n.labelWidth, half: Math.max(n.radius, 8) + 1 }));
    for (let round = 0; round < 40; round++) {
      let moved = false;
      for (let i = 0; i < boxes.length; i++) {
        const a = boxes[i];
        for (let j = i + 1; j < boxes.length; j++) {
          const b = boxes[j];
          if (a.node.px + a.right <= b.node.px + b.left || b.node.px + b.right <= a.node.px + a.left) continue;
          const gap = Math.abs(a.node.py - b.node.py);
          const overlap = a.half + b.half - gap;
          if (overlap <= 0) continue;
          // The one above goes up, the other down; equal heights split by list order.
          const up = a.node.py < b.node.py || (a.node.py === b.node.py && i < j) ? a : b;
          const down = up === a ? b : a;
          const step = Math.min(overlap / 2 + 0.5, 6);
          up.node.py -= step;
          down.node.py += step;
          moved = true;
        }
      }
      if (!moved) break;
    }
    for (const b of boxes) b.node.py = Math.min(height - b.half, Math.max(b.half, b.node.py));
  }

  // ---- Zoom and pan ----

  function applyView() {
    if (viewport) viewport.setAttribute('transform', `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.zoom.toFixed(3)})`);
    vscode.setState({ view });
  }

  /** A pointer position in the SVG's user units. */
  function toSvg(clientX, clientY) {
    const matrix = svg.getScreenCTM();
    if (!matrix) return { x: 0, y: 0 };
    const p = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: p.x, y: p.y };
  }

  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const p = toSvg(event.clientX, event.clientY);
      const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * Math.exp(-event.deltaY * 0.0015)));
      // Keep the point under the pointer where it is.
      view = { zoom, x: p.x - ((p.x - view.x) * zoom) / view.zoom, y: p.y - ((p.y - view.y) * zoom) / view.zoom };
      applyView();
    },
    { passive: false },
  );

  let pan = undefined;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || (event.target instanceof Element && event.target.closest('.node'))) return;
    pan = { id: event.pointerId, start: toSvg(event.clientX, event.clientY), x: view.x, y: view.y };
    svg.setPointerCapture(event.pointerId);
    svg.classList.add('panning');
  });
  svg.addEventListener('pointermove', (event) => {
    if (!pan || event.pointerId !== pan.id) return;
    const p = toSvg(event.clientX, event.clientY);
    view = { zoom: view.zoom, x: pan.x + p.x - pan.start.x, y: pan.y + p.y - pan.start.y };
    applyView();
  });
  const endPan = (event) => {
    if (!pan || event.pointerId !== pan.id) return;
    pan = undefined;
    svg.classList.remove('panning');
  };
  svg.addEventListener('pointerup', endPan);
  svg.addEventListener('pointercancel', endPan);
  // Double-click on the background: back to the fitted view.
  svg.addEventListener('dblclick', (event) => {
    if (event.target instanceof Element && event.target.closest('.node')) return;
    view = { zoom: 1, x: 0, y: 0 };
    applyView();
  });

  let resizing = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(place);
  }).observe(svg);

  vscode.postMessage({ type: 'ready' });
})();
