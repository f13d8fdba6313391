// SPDX-License-Identifier: Apache-2.0
// One uPlot instance: per stream a min/mean/max triple with a band between min and max, one y axis per unit on
// alternating sides, x in the chosen zone; wheel zoom, box zoom, shift-drag pan.
'use strict';

Qss.PALETTE = ['#1f6fd1', '#d1481f', '#2a9d3f', '#8e44ad', '#c99700', '#0f9aa8', '#d12f7a', '#5d6d7e', '#7a4f1f',
    '#4b7a00'];

Qss.Chart = class Chart {
    /**
     * @param host element holding the plot
     * @param legend element for the legend
     * @param events {zoom(min, max), preview(min, max), wheel(min, max), colour(uuid, colour)}
     */
    constructor(host, legend, events) {
        this.host = host;
        this.legend = legend;
        this.events = events;
        this.plot = null;
        this.streams = [];
        this.draws = 0;
        this.cursors = null; // a Qss.Cursors drawn over each plot, set by the page
        this.wheelStep = 2; // span factor of one wheel notch; the server's wheelZoomStep, set by the page
        this.wheelStepFast = 16; // the same with Shift held (wheelZoomStepFast)
        new ResizeObserver(() => this.resize()).observe(host);
    }

    /** Plot width in CSS pixels (what pw is computed for). */
    width() {
        return this.plot ? this.plot.bbox.width / devicePixelRatio : Math.max(300, this.host.clientWidth - 120);
    }

    /**
     * Rebuilds the plot for these streams ([{uuid, path, unit, colour}]), zone (IANA name) and axes
     * ({unit: {side, min, max}}); keeps no data.
     */
    configure(streams, zone, axes, range) {
        if (this.plot) this.plot.destroy();
        this.plot = null;
        if (this.cursors) this.cursors.detach();
        this.streams = streams;
        this.units = Array.from(new Set(streams.map((s) => s.unit || '')));
        this.renderLegend();
        if (!streams.length) return;
        const series = [{ label: 'Time' }];
        streams.forEach((s) => {
            const scale = 'u:' + (s.unit || '');
            // min and max are drawn by drawRanges (one column per pixel); as series they feed the legend and the
            // y scale's auto range
            const edge = { scale, paths: () => null, points: { show: false } };
            series.push({ ...edge, label: s.path + ' min' });
            // width 1: hairlines rasterise an order of magnitude faster than wider strokes on a software-rendered
            // canvas, and the mean stands out against its range by its opacity
            series.push({ scale, label: s.path, stroke: s.colour, width: 1, spanGaps: true });
            series.push({ ...edge, label: s.path + ' max' });
        });
        const scales = { x: { time: true, auto: false } };
        const axisList = [{ stroke: '#445', grid: { stroke: '#e6e9ef' }, ticks: { stroke: '#d0d5dd' },
            values: TIME_TICKS, space: 60 }];
        this.units.forEach((unit, i) => {
            const axis = axes[unit] || {};
            scales['u:' + unit] = {
                auto: !(isFinite(axis.min) && isFinite(axis.max)),
                range: (u, min, max) => (isFinite(axis.min) && isFinite(axis.max) ? [axis.min, axis.max]
                    : padRange(min, max)),
            };
            const side = axis.side === 'right' ? 1 : axis.side === 'left' ? 3 : (i % 2 ? 1 : 3);
            axisList.push({
                scale: 'u:' + unit, side, label: unit || '(no unit)', labelSize: 18, size: 62,
                stroke: '#445', grid: { show: i === 0, stroke: '#eef0f4' }, ticks: { stroke: '#d0d5dd' },
            });
        });
        [this.viewMin, this.viewMax] = range;
        const stamp = uPlot.fmtDate('{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}.{fff}');
        this.timeFormatter = (ms) => stamp(uPlot.tzDate(new Date(ms), zone)) + ' ' + zone;
        const opts = {
            width: this.host.clientWidth || 800,
            height: Math.max(200, this.host.clientHeight || 400),
            ms: 1,
            tzDate: (ts) => uPlot.tzDate(new Date(ts), zone),
            series, scales, axes: axisList,
            legend: { show: false },
            cursor: {
                drag: { x: true, y: false, setScale: false },
                bind: { mousedown: (u, target, handler) => (e) => (e.shiftKey ? this.startPan(e) : handler(e)) },
            },
            hooks: {
                setSelect: [(u) => this.onSelect(u)],
                setLegend: [(u) => this.updateLegendValues(u)],
                drawAxes: [(u) => this.drawRanges(u)],
                draw: [(u) => {
                    this.draws++;
                    if (this.cursors) this.cursors.position(u);
                }],
                ready: [(u) => {
                    u.over.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
                    if (this.cursors) this.cursors.attach(this, u); // before `new uPlot` returns
                }],
            },
        };
        const data = [[]];
        streams.forEach(() => data.push([], [], []));
        this.plot = new uPlot(opts, data, this.host);
    }

    /** Shows the range at once with whatever data is loaded (feedback while fetching). */
    preview(min, max) {
        if (!this.plot) return;
        this.viewMin = min;
        this.viewMax = max;
        this.plot.setScale('x', { min, max });
    }

    /**
     * Sets data ({x, columns}), range and the windows' width in ms; returns after uPlot has drawn (batch commits
     * synchronously).
     */
    show(joined, min, max, windowMs) {
        if (!this.plot) return;
        this.windowMs = windowMs;
        this.viewMin = min;
        this.viewMax = max;
        const data = [joined.x];
        for (const column of joined.columns) data.push(...column);
        this.plot.batch(() => {
            this.plot.setData(data, false);
            this.plot.setScale('x', { min, max });
        });
    }

    /**
     * Draws each stream's min-max range under the lines, as one filled column per pixel column (windows falling into
     * the same column are merged). Axis-aligned rectangles rasterise far faster than a filled band polygon, which
     * decides the redraw time of a zoom step on a software-rendered canvas.
     */
    drawRanges(u) {
        const xs = u.data[0];
        if (!xs || !xs.length || !this.windowMs) return;
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        const first = Math.max(0, Qss.lowerBound(xs, u.scales.x.min - this.windowMs));
        const last = Math.min(xs.length, Qss.lowerBound(xs, u.scales.x.max) + 1);
        this.streams.forEach((s, k) => {
            const scale = 'u:' + (s.unit || '');
            const mins = u.data[1 + 3 * k];
            const maxs = u.data[3 + 3 * k];
            ctx.fillStyle = hexAlpha(s.colour, 0.2);
            let column = null;
            let lo = 0;
            let hi = 0;
            const flush = (end) => {
                const yTop = Math.round(u.valToPos(hi, scale, true));
                const yBottom = Math.round(u.valToPos(lo, scale, true));
                ctx.fillRect(column, yTop, Math.max(1, end - column), Math.max(1, yBottom - yTop));
            };
            for (let i = first; i < last; i++) {
                if (mins[i] == null || maxs[i] == null) continue;
                const x0 = Math.round(u.valToPos(xs[i], 'x', true));
                if (column !== null && x0 > column) {
                    flush(x0);
                    column = null;
                }
                if (column === null) {
                    column = x0;
                    lo = mins[i];
                    hi = maxs[i];
                } else {
                    lo = Math.min(lo, mins[i]);
                    hi = Math.max(hi, maxs[i]);
                }
            }
            if (column !== null) flush(Math.max(column + 1, Math.round(u.valToPos(xs[last - 1] + this.windowMs, 'x', true))));
        });
        ctx.restore();
    }

    resize() {
        if (!this.plot) return;
        const width = this.host.clientWidth;
        const height = Math.max(200, this.host.clientHeight);
        if (width !== this.plot.width || height !== this.plot.height) {
            this.plot.setSize({ width, height });
            if (this.events.resized) this.events.resized();
        }
    }

    onSelect(u) {
        const { left, width } = u.select;
        // any drag of 2 px or more is a box (a deep zoom from a year needs narrow ones); a click selects nothing
        if (width >= Qss.Chart.MIN_BOX_PX) {
            const min = u.posToVal(left, 'x');
            const max = u.posToVal(left + width, 'x');
            this.events.zoom(min, max);
        }
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    }

    /**
     * One notch zooms by wheelStep, with Shift by wheelStepFast. Browsers report a notch as 50 to 120 px (or 3
     * lines): every event of 50 px or more counts as at least one notch (100 px each beyond), smaller ones, a
     * trackpad's, zoom in proportion (50 px a notch), so both feel alike. Chromium turns Shift+wheel into a horizontal
     * scroll, hence deltaX.
     */
    onWheel(e) {
        e.preventDefault();
        const u = this.plot;
        const rect = u.over.getBoundingClientRect();
        const fraction = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
        const delta = e.deltaY || (e.shiftKey ? e.deltaX : 0);
        const pixels = Math.abs(delta * (e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 800 : 1));
        const notches = Math.sign(delta) * Math.min(4, Math.max(pixels / 100, Math.min(1, pixels / 50)));
        const factor = Math.pow(e.shiftKey ? this.wheelStepFast : this.wheelStep, notches);
        const span = this.viewMax - this.viewMin;
        const at = this.viewMin + span * fraction;
        const next = span * factor;
        this.events.wheel(at - next * fraction, at + next * (1 - fraction));
    }

    startPan(e) {
        const u = this.plot;
        const x0 = e.clientX;
        const [min0, max0] = [this.viewMin, this.viewMax];
        const perPixel = (max0 - min0) / u.over.clientWidth;
        let last = [min0, max0];
        const move = (m) => {
            const dt = (m.clientX - x0) * perPixel;
            last = [min0 - dt, max0 - dt];
            this.events.preview(last[0], last[1]);
        };
        const up = () => {
            document.removeEventListener('mousemove', move);
            document.removeEventListener('mouseup', up);
            if (last[0] !== min0) this.events.zoom(last[0], last[1]);
        };
        document.addEventListener('mousemove', move);
        document.addEventListener('mouseup', up);
        e.preventDefault();
        return null;
    }

    renderLegend() {
        this.legend.textContent = '';
        this.legendValues = [];
        this.legendTime = Qss.el('div', { className: 'legend-time' });
        this.legend.append(this.legendTime);
        for (const s of this.streams) {
            const colour = Qss.el('input', { type: 'color', value: s.colour, title: 'Colour' });
            colour.addEventListener('change', () => this.events.colour(s.uuid, colour.value));
            const values = Qss.el('span', { className: 'legend-values' });
            const row = Qss.el('div', { className: 'legend-row', dataset: { uuid: s.uuid, testid: 'legend-row' } }, [
                colour, Qss.el('span', { className: 'legend-path', textContent: s.path }),
                Qss.el('span', { className: 'unit', textContent: s.unit || '' }), values]);
            this.legend.append(row);
            this.legendValues.push(values);
        }
    }

    updateLegendValues(u) {
        const i = u.cursor.idx;
        const time = i == null ? null : u.data[0][i];
        this.legendTime.textContent = time == null ? '' : this.formatTime(time);
        this.legendValues.forEach((el, k) => {
            const min = i == null ? null : u.data[1 + 3 * k][i];
            const mean = i == null ? null : u.data[2 + 3 * k][i];
            const max = i == null ? null : u.data[3 + 3 * k][i];
            el.textContent = mean == null ? '' : fmt(mean) + '  [' + fmt(min) + ' … ' + fmt(max) + ']';
        });
    }

    formatTime(ms) {
        return this.timeFormatter ? this.timeFormatter(ms) : new Date(ms).toISOString();
    }
};

/** Narrowest drag (CSS px) taken as a zoom box. */
Qss.Chart.MIN_BOX_PX = 2;

// 24-hour tick labels: [tick step ms, label, then the line added when the year, month, day, hour, minute or
// second changes, mode]
const _ = null;
const TIME_TICKS = [
    [365 * 86_400_000, '{YYYY}', _, _, _, _, _, _, 1],
    [28 * 86_400_000, '{MMM}', '\n{YYYY}', _, _, _, _, _, 1],
    [86_400_000, '{MMM} {D}', '\n{YYYY}', _, _, _, _, _, 1],
    [3_600_000, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', _, '\n{MMM} {D}', _, _, _, 1],
    [60_000, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', _, '\n{MMM} {D}', _, _, _, 1],
    [1_000, '{HH}:{mm}:{ss}', '\n{YYYY}-{MM}-{DD}', _, '\n{MMM} {D}', _, _, _, 1],
    [1, ':{ss}.{fff}', '\n{YYYY}-{MM}-{DD} {HH}:{mm}', _, '\n{MMM} {D} {HH}:{mm}', _, '\n{HH}:{mm}', _, 1],
];

function padRange(min, max) {
    if (min == null || max == null) return [0, 1];
    if (min === max) {
        const d = Math.abs(min) * 0.01 || 1;
        return [min - d, max + d];
    }
    const pad = (max - min) * 0.05;
    return [min - pad, max + pad];
}

function hexAlpha(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
}

function fmt(v) {
    if (v == null) return '–';
    const a = Math.abs(v);
    return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(4) : v.toPrecision(6).replace(/\.?0+$/, '');
}

/** A value for people: six significant digits, exponent for very large or small values. */
Qss.formatValue = fmt;
