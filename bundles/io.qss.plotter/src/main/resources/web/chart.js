// SPDX-License-Identifier: Apache-2.0
// One uPlot instance: per stream a min/mean/max triple with a band between min and max, one y axis per unit on
// alternating sides, x in the chosen zone; wheel zoom, box zoom, shift-drag pan.
'use strict';

/**
 * Stream colours: ten chosen ones, then hues a golden angle apart in two lightnesses, so that more than a dozen
 * streams still differ (a colour comes back only after 40).
 */
Qss.PALETTE = ['#1f6fd1', '#d1481f', '#2a9d3f', '#8e44ad', '#c99700', '#0f9aa8', '#d12f7a', '#5d6d7e', '#7a4f1f',
    '#4b7a00'].concat(Array.from({ length: 30 }, (_, i) => hslHex((i * 137.508 + 200) % 360, 0.75, i % 2 ? 0.34 : 0.5)));

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
        this.gapMs = [];
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
     * Rebuilds the plot for these streams ([{uuid, path, unit, colour, axis}], axis being the key of its y axis,
     * see Qss.axisKey; the unit when missing), zone (IANA name) and axes ({axis key: {side, min, max}}); keeps no
     * data. this.units lists the axis keys in order.
     */
    configure(streams, zone, axes, range) {
        if (this.plot) this.plot.destroy();
        this.plot = null;
        if (this.cursors) this.cursors.detach();
        this.streams = streams;
        this.units = Array.from(new Set(streams.map(axisOf)));
        this.renderLegend();
        if (!streams.length) return;
        const series = [{ label: 'Time' }];
        streams.forEach((s) => {
            const scale = 'u:' + axisOf(s);
            // min and max are drawn by drawRanges (one column per pixel); as series they feed the legend and the
            // y scale's auto range
            const edge = { scale, paths: () => null, points: { show: false } };
            series.push({ ...edge, label: s.path + ' min' });
            // width 1: hairlines rasterise an order of magnitude faster than wider strokes on a software-rendered
            // canvas, and the mean stands out against its range by its opacity. The line breaks where the stream
            // has no points for longer than its usual spacing (lineGaps); the nulls at other streams' times in a
            // joined series are bridged, they are not gaps of this stream.
            series.push({ scale, label: s.path, stroke: s.colour, width: 1, spanGaps: false,
                gaps: (u, seriesIdx, idx0, idx1) => this.lineGaps(u, (seriesIdx - 2) / 3, idx0, idx1) });
            series.push({ ...edge, label: s.path + ' max' });
        });
        const scales = { x: { time: true, auto: false } };
        const axisList = [{ stroke: '#445', grid: { stroke: '#e6e9ef' }, ticks: { stroke: '#d0d5dd' },
            values: TIME_TICKS, space: 60 }];
        this.units.forEach((unit, i) => {
            const axis = axes[unit] || {};
            const fixed = Qss.manualRange(axis);
            scales['u:' + unit] = { auto: !fixed, range: (u, min, max) => fixed || padRange(min, max) };
            const side = axis.side === 'right' ? 1 : axis.side === 'left' ? 3 : (i % 2 ? 1 : 3);
            axisList.push({
                scale: 'u:' + unit, side, label: this.axisLabel(unit), labelSize: 18, size: axisSize,
                values: (u, splits, axisIdx, space, step) => Qss.tickLabels(splits, step),
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
            // room at a side without an axis for half a time label, so the first and last are not cut off
            padding: [12, sidePadding, 0, sidePadding],
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

    /** Sets the range wheel notches and pans start from, before it is drawn. */
    aim(min, max) {
        this.viewMin = min;
        this.viewMax = max;
    }

    /** Shows the range at once with whatever data is loaded (feedback while fetching); no redraw when shown. */
    preview(min, max) {
        if (!this.plot) return;
        this.aim(min, max);
        const x = this.plot.scales.x;
        if (x.min !== min || x.max !== max) this.plot.setScale('x', { min, max });
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
        this.gapMs = joined.columns.map((column) => Qss.gapLimit(joined.x, column[1], windowMs));
        this.plot.batch(() => {
            this.plot.setData(data, false);
            this.plot.setScale('x', { min, max });
        });
    }

    /**
     * Draws each stream's min-max range under the lines, as one filled column per pixel column (windows falling into
     * the same column are merged). Axis-aligned rectangles rasterise far faster than a filled band polygon, which
     * decides the redraw time of a zoom step on a software-rendered canvas. A column reaches the next one unless
     * the stream has a gap there: then it ends with its last window, so the range stops where the line breaks.
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
            const columns = this.rangeColumns(u, k, first, last);
            ctx.fillStyle = hexAlpha(s.colour, 0.22);
            for (const c of columns) ctx.fillRect(c.x0, c.yTop, c.x1 - c.x0, Math.max(1, c.yBottom - c.yTop));
            // the min and max edges as stepped hairlines: a sag one column wide stands out as a spike on the year
            // view, where its faint column alone would not
            ctx.strokeStyle = hexAlpha(s.colour, 0.6);
            ctx.lineWidth = 1;
            ctx.beginPath();
            for (const edge of ['yTop', 'yBottom']) {
                for (const c of columns) {
                    const y = c[edge] + 0.5;
                    if (c.joined) ctx.lineTo(c.x0, y);
                    else ctx.moveTo(c.x0, y);
                    ctx.lineTo(c.x1, y);
                }
            }
            ctx.stroke();
        });
        ctx.restore();
    }

    /**
     * The range columns of stream k over data indexes [first, last): {x0, x1, yTop, yBottom} in canvas pixels and
     * whether the column joins the one before it (no gap between them).
     */
    rangeColumns(u, k, first, last) {
        const xs = u.data[0];
        const mins = u.data[1 + 3 * k];
        const maxs = u.data[3 + 3 * k];
        const scale = 'u:' + axisOf(this.streams[k]);
        const limit = this.gapMs[k] ?? Infinity;
        const x = (ms) => Math.round(u.valToPos(ms, 'x', true));
        const columns = [];
        let column = null;
        let lo = 0;
        let hi = 0;
        let lastMs = null; // time of the last window merged into the open column
        let joined = false;
        const close = (end) => {
            columns.push({ x0: column, x1: Math.max(column + 1, end), joined,
                yTop: Math.round(u.valToPos(hi, scale, true)), yBottom: Math.round(u.valToPos(lo, scale, true)) });
        };
        for (let i = first; i < last; i++) {
            if (mins[i] == null || maxs[i] == null) continue;
            const x0 = x(xs[i]);
            const gap = lastMs !== null && xs[i] - lastMs > limit;
            if (column !== null && (x0 > column || gap)) {
                close(gap ? Math.min(x0, x(lastMs + this.windowMs)) : x0);
                column = null;
            }
            if (column === null) {
                joined = lastMs !== null && !gap;
                column = x0;
                lo = mins[i];
                hi = maxs[i];
            } else {
                lo = Math.min(lo, mins[i]);
                hi = Math.max(hi, maxs[i]);
            }
            lastMs = xs[i];
        }
        if (column !== null) close(x(lastMs + this.windowMs));
        return columns;
    }

    /**
     * uPlot's gaps of stream k's mean line over data indexes [idx0, idx1]: [fromPx, toPx] wherever two of its
     * points are further apart than its gap limit (see Qss.gapLimit).
     */
    lineGaps(u, k, idx0, idx1) {
        const xs = u.data[0];
        const means = u.data[2 + 3 * k];
        const limit = this.gapMs[k] ?? Infinity;
        const gaps = [];
        let prev = -1;
        for (let i = Math.max(0, idx0 - 1); i <= Math.min(xs.length - 1, idx1 + 1); i++) {
            if (means[i] == null) continue;
            if (prev >= 0 && xs[i] - xs[prev] > limit) {
                gaps.push([Math.round(u.valToPos(xs[prev], 'x', true)), Math.round(u.valToPos(xs[i], 'x', true))]);
            }
            prev = i;
        }
        return gaps;
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
        this.legendTime = Qss.el('span', { className: 'legend-time' });
        this.legend.append(this.legendHead());
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

    /**
     * The legend's head: the time under the cursor and, for more than a few streams, a button folding the rows away.
     * Many streams start folded and lay their rows out in columns, so the legend never takes the chart's height.
     */
    legendHead() {
        const many = this.streams.length > LEGEND_OPEN_UP_TO;
        this.legend.classList.toggle('many', many);
        this.legend.classList.toggle('folded', many && this.legendFolded !== false);
        const toggle = Qss.el('button', { type: 'button', className: 'legend-toggle', dataset: { testid: 'legend-toggle' },
            hidden: !many });
        const label = () => {
            const folded = this.legend.classList.contains('folded');
            toggle.textContent = (folded ? '▸ ' : '▾ ') + this.streams.length + ' streams';
            toggle.setAttribute('aria-expanded', String(!folded));
        };
        toggle.addEventListener('click', () => {
            this.legendFolded = !this.legend.classList.contains('folded');
            this.legend.classList.toggle('folded', this.legendFolded);
            label();
        });
        label();
        return Qss.el('div', { className: 'legend-head' }, [toggle, this.legendTime]);
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

    /**
     * The chart as an image for saving: the title (the range and its zone) and the cursor readout on top, the plot
     * with the cursor lines, then the legend (colour, path, unit). Null when nothing is plotted.
     */
    exportCanvas(title) {
        const u = this.plot;
        if (!u) return null;
        const ratio = devicePixelRatio;
        const plotCanvas = u.ctx.canvas;
        const line = Math.round(18 * ratio);
        const margin = Math.round(10 * ratio);
        const readout = this.cursors && this.cursors.value ? this.cursors.readoutLines() : [];
        const head = [title, ...readout];
        const columns = Math.max(1, Math.floor(plotCanvas.width / (340 * ratio)));
        const legendRows = Math.ceil(this.streams.length / columns);
        const out = document.createElement('canvas');
        out.width = plotCanvas.width;
        out.height = margin + head.length * line + plotCanvas.height + margin + legendRows * line + margin;
        const ctx = out.getContext('2d');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, out.width, out.height);
        ctx.textBaseline = 'middle';
        ctx.font = Math.round(13 * ratio) + 'px system-ui, sans-serif';
        head.forEach((text, i) => {
            ctx.fillStyle = i === 0 ? '#1d2430' : '#667085';
            ctx.fillText(text, margin, margin + (i + 0.5) * line, out.width - 2 * margin);
        });
        const plotTop = margin + head.length * line;
        ctx.drawImage(plotCanvas, 0, plotTop);
        if (this.cursors && this.cursors.value) this.drawCursors(ctx, plotTop);
        const legendTop = plotTop + plotCanvas.height + margin;
        const columnWidth = out.width / columns;
        this.streams.forEach((s, k) => {
            const x = margin + (k % columns) * columnWidth;
            const y = legendTop + (Math.floor(k / columns) + 0.5) * line;
            ctx.fillStyle = s.colour;
            ctx.fillRect(x, y - 5 * ratio, 16 * ratio, 10 * ratio);
            ctx.fillStyle = '#1d2430';
            ctx.fillText(s.path + (s.unit ? ' [' + s.unit + ']' : ''), x + 22 * ratio, y, columnWidth - 30 * ratio);
        });
        return out;
    }

    /** The cursor lines, as on the page, onto an image whose plot canvas starts at plotTop. */
    drawCursors(ctx, plotTop) {
        const u = this.plot;
        const { left, top, width, height } = u.bbox;
        const value = this.cursors.value;
        const scale = 'u:' + (value.unit || '');
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, plotTop + top, width, height);
        ctx.clip();
        ctx.lineWidth = Math.max(1, Math.round(devicePixelRatio));
        ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
        ctx.textBaseline = 'top';
        value.times.forEach((t, i) => {
            const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
            if (!Number.isFinite(x)) return;
            ctx.strokeStyle = ctx.fillStyle = CURSOR_TIME_COLOUR;
            ctx.beginPath();
            ctx.moveTo(x, plotTop + top);
            ctx.lineTo(x, plotTop + top + height);
            ctx.stroke();
            ctx.fillText('t' + (i + 1), x + 4, plotTop + top + 3);
        });
        if (u.scales[scale]) {
            value.values.forEach((v, i) => {
                const y = Math.round(u.valToPos(v, scale, true)) + 0.5;
                if (!Number.isFinite(y)) return;
                ctx.strokeStyle = ctx.fillStyle = CURSOR_VALUE_COLOUR;
                ctx.beginPath();
                ctx.moveTo(left, plotTop + y);
                ctx.lineTo(left + width, plotTop + y);
                ctx.stroke();
                ctx.fillText('y' + (i + 1), left + width - 20 * devicePixelRatio, plotTop + y - 14 * devicePixelRatio);
            });
        }
        ctx.restore();
    }

    /** The name of an axis: its unit, and the path of its stream when that stream has an axis of its own. */
    axisLabel(key) {
        const unit = Qss.axisUnit(key) || '(no unit)';
        const own = this.streams.find((s) => s.axis === key && key !== (s.unit || ''));
        return own ? unit + ' · ' + own.path.split('/').slice(-2).join('/') : unit;
    }

    /** The labels of the y axis with this key (the unit for a shared one) as drawn (for checks). */
    tickLabels(unit) {
        const axis = this.plot && this.plot.axes.find((a) => a.scale === 'u:' + unit);
        return axis && axis._values ? axis._values.slice() : [];
    }

    formatTime(ms) {
        return this.timeFormatter ? this.timeFormatter(ms) : new Date(ms).toISOString();
    }
};

/**
 * The key of a stream's y axis: its unit, shared by all streams of that unit, or, given its own axis, its unit and
 * UUID. Axis settings and the cursors' axis are kept under this key.
 */
Qss.axisKey = function axisKey(stream, own) {
    return (stream.unit || '') + (own ? OWN_AXIS + stream.uuid : '');
};

/** The unit of an axis key. */
Qss.axisUnit = function axisUnit(key) {
    const at = (key || '').indexOf(OWN_AXIS);
    return at < 0 ? key || '' : key.slice(0, at);
};

const OWN_AXIS = ' #';

function axisOf(stream) {
    return stream.axis ?? (stream.unit || '');
}

/** The cursor colours of plotter.css (.qss-cursor), for the exported image. */
const CURSOR_TIME_COLOUR = '#b3261e';
const CURSOR_VALUE_COLOUR = '#7b2cbf';

/** Left and right padding (CSS px): none beside an axis, else room for half of a time label. */
function sidePadding(u, side, sidesWithAxes) {
    return sidesWithAxes[side] ? 0 : 40;
}

/** Up to this many streams the legend shows all rows; more start folded, laid out in columns. */
const LEGEND_OPEN_UP_TO = 6;

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

/**
 * The longest step between two points of one stream (times xs, values ys with nulls where it has none) that is
 * still drawn as connected: twice its usual spacing, which is the window length when every window holds data and
 * the sampling period when windows are shorter than it. A longer step is a gap: the line breaks, the range stops.
 */
Qss.gapLimit = function gapLimit(xs, ys, windowMs) {
    const steps = [];
    let prev = -1;
    for (let i = 0; i < xs.length; i++) {
        if (ys[i] == null) continue;
        if (prev >= 0) steps.push(xs[i] - xs[prev]);
        prev = i;
    }
    if (!steps.length) return Infinity;
    steps.sort((a, b) => a - b);
    return 2 * Math.max(windowMs, steps[steps.length >> 1]);
};

/**
 * Value tick labels with as many decimals as the tick step has, so neighbouring ticks always read differently
 * (a 0.0005 Hz step gives 59.9995, 60.0000, 60.0005); exponent form for steps finer than 1e-9 or values of 1e9 and
 * more.
 */
Qss.tickLabels = function tickLabels(splits, step) {
    const decimals = decimalsOf(step);
    const large = splits.some((v) => Math.abs(v) >= 1e9);
    return splits.map((v) => {
        if (v == null) return '';
        if (decimals > 9 || large) return v.toExponential(significant(step, v)).replace('e+', 'e');
        const text = v.toFixed(decimals);
        return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
    });
};

/** The number of decimals of a tick step (0.25 -> 2, 5 -> 0), tolerating binary floating point. */
function decimalsOf(step) {
    for (let d = 0; d <= 15; d++) {
        const scaled = Math.abs(step) * 10 ** d;
        if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * scaled) return d;
    }
    return 15;
}

/** Digits after the point in exponent form so that values one step apart differ. */
function significant(step, v) {
    return Math.min(15, Math.max(1, Math.floor(Math.log10(Math.abs(v) || Math.abs(step)))
        - Math.floor(Math.log10(Math.abs(step))) + 1));
}

/** A y axis as wide as its longest label (uPlot calls it while laying out; 62 px before labels exist). */
function axisSize(u, values, axisIdx, cycleNum) {
    const axis = u.axes[axisIdx];
    if (cycleNum > 1) return axis._size;
    if (!values || !values.length) return 62;
    const longest = values.reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
    u.ctx.font = axis.font[0];
    return Math.max(40, Math.ceil(axis.ticks.size + axis.gap + u.ctx.measureText(longest).width / devicePixelRatio + 4));
}

function padRange(min, max) {
    if (min == null || max == null) return [0, 1];
    if (min === max) {
        const d = Math.abs(min) * 0.01 || 1;
        return [min - d, max + d];
    }
    const pad = (max - min) * 0.05;
    return [min - pad, max + pad];
}

/**
 * The fixed [min, max] of an axis setting, or null when the axis scales to the data: min or max missing, null (as
 * stored by older pages), not a finite number, or not below the other. isFinite(null) is true, hence the type test.
 */
Qss.manualRange = function manualRange(axis) {
    const min = axis ? axis.min : null;
    const max = axis ? axis.max : null;
    return Number.isFinite(min) && Number.isFinite(max) && min < max ? [min, max] : null;
};

/** '#rrggbb' of a hue (degrees), saturation and lightness (0..1). */
function hslHex(hue, saturation, lightness) {
    const a = saturation * Math.min(lightness, 1 - lightness);
    const channel = (n) => {
        const k = (n + hue / 30) % 12;
        const v = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
        return Math.round(v * 255).toString(16).padStart(2, '0');
    };
    return '#' + channel(0) + channel(8) + channel(4);
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
