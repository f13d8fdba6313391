// SPDX-License-Identifier: Apache-2.0
// Two vertical (time) and two horizontal (value) cursors over the chart, as DOM lines in uPlot's over layer: moving
// one only sets a style, so the canvas is never redrawn for it. Cursors hold data positions (ms, values on one unit's
// axis) and follow zoom and pan; a readout shows their values and differences.
'use strict';

Qss.Cursors = class Cursors {
    /**
     * @param readout element for the values and differences
     * @param changed called with the new value ({times: [ms, ms], values: [v, v], unit} or null) after a change
     */
    constructor(readout, changed) {
        this.readout = readout;
        this.changed = changed;
        this.value = null;
        this.chart = null;
        this.lines = [];
        this.buildReadout();
    }

    /** Shows (value or fresh cursors placed in the view) or hides (null) the cursors. */
    set(value) {
        this.value = value ? { times: value.times.slice(), values: value.values.slice(), unit: value.unit } : null;
        this.readout.hidden = !this.value;
        if (this.value && this.plot) this.place();
        this.position();
    }

    enable(on) {
        if (on === !!this.value) return;
        this.set(on ? { times: [NaN, NaN], values: [NaN, NaN], unit: null } : null);
        this.changed(this.value);
    }

    /** Called by the chart when a plot is built: the lines go into its over layer. */
    attach(chart, plot) {
        this.chart = chart;
        this.plot = plot;
        const over = plot.over;
        this.lines = ['t1', 't2', 'y1', 'y2'].map((name, i) => {
            const line = Qss.el('div', { className: 'qss-cursor ' + (i < 2 ? 'vertical' : 'horizontal'),
                dataset: { testid: 'cursor-' + name } }, [Qss.el('span', { textContent: name })]);
            line.addEventListener('mousedown', (e) => this.drag(e, i));
            over.append(line);
            return line;
        });
        this.fillUnits();
        if (this.value) this.place();
    }

    /** Called by the chart when its plot is destroyed (the lines go with it). */
    detach() {
        this.plot = null;
        this.lines = [];
    }

    /** Puts cursors without a position at a third and two thirds of the view and of their axis. */
    place() {
        const u = this.plot;
        const units = this.chart.units;
        if (!units.includes(this.value.unit)) {
            this.value.unit = units[0];
            this.value.values = [NaN, NaN];
        }
        this.unitSelect.value = this.value.unit;
        const x = u.scales.x;
        const y = u.scales[this.scale()];
        [1, 2].forEach((k, i) => {
            if (!isFinite(this.value.times[i]) && isFinite(x.min)) {
                this.value.times[i] = x.min + (x.max - x.min) * k / 3;
            }
            if (!isFinite(this.value.values[i]) && y && isFinite(y.min) && isFinite(y.max)) {
                this.value.values[i] = y.min + (y.max - y.min) * k / 3;
            }
        });
    }

    scale() {
        return 'u:' + (this.value.unit || '');
    }

    /** Moves the lines to their data positions (after every draw of the plot) and refreshes the readout. */
    position(drawn) {
        if (drawn) this.plot = drawn;
        const plot = this.plot;
        if (!plot || !this.lines.length) return;
        if (!this.value) {
            for (const line of this.lines) line.hidden = true;
            return;
        }
        this.place();
        this.lines.forEach((line, i) => {
            const pos = i < 2 ? plot.valToPos(this.value.times[i], 'x')
                : plot.scales[this.scale()] ? plot.valToPos(this.value.values[i - 2], this.scale()) : NaN;
            const extent = i < 2 ? plot.over.clientWidth : plot.over.clientHeight;
            line.hidden = !(pos >= 0 && pos <= extent);
            if (!line.hidden) line.style[i < 2 ? 'left' : 'top'] = pos + 'px';
        });
        this.renderReadout();
    }

    drag(e, i) {
        if (e.button !== 0) return;
        // the line, not uPlot, owns this press: no box zoom starts
        e.stopPropagation();
        e.preventDefault();
        const plot = this.plot;
        const move = (m) => {
            const rect = plot.over.getBoundingClientRect();
            if (i < 2) this.value.times[i] = plot.posToVal(m.clientX - rect.left, 'x');
            else this.value.values[i - 2] = plot.posToVal(m.clientY - rect.top, this.scale());
            this.position();
        };
        const up = (m) => {
            m.stopPropagation();
            window.removeEventListener('mousemove', move, true);
            window.removeEventListener('mouseup', up, true);
            this.changed(this.value);
        };
        window.addEventListener('mousemove', move, true);
        window.addEventListener('mouseup', up, true);
    }

    buildReadout() {
        this.readout.textContent = '';
        this.fields = {};
        const field = (name, title) => {
            this.fields[name] = Qss.el('span', { dataset: { testid: 'cursor-' + name } });
            return Qss.el('span', { className: 'cursor-field' },
                [Qss.el('span', { className: 'cursor-name', textContent: title }), this.fields[name]]);
        };
        const times = Qss.el('div', {},
            [field('time1', 't1'), field('time2', 't2'), field('dt', 'Δt'), field('freq', '1/Δt')]);
        this.unitSelect = Qss.el('select', { dataset: { testid: 'cursor-unit' } });
        this.unitSelect.addEventListener('change', () => {
            this.value.unit = this.unitSelect.value;
            this.value.values = [NaN, NaN];
            this.position();
            this.changed(this.value);
        });
        const axis = Qss.el('label', { className: 'cursor-field', textContent: 'axis ' }, [this.unitSelect]);
        const values = Qss.el('div', {}, [axis, field('value1', 'y1'), field('value2', 'y2'), field('dy', 'Δy')]);
        this.readout.append(times, values);
        this.readout.hidden = true;
    }

    /** The readout as two lines of text (times, then values), for the exported image. */
    readoutLines() {
        return [...this.readout.children].map((row) => [...row.querySelectorAll('.cursor-field')].map((field) => {
            const select = field.querySelector('select');
            if (select) return 'axis ' + (select.selectedOptions[0] ? select.selectedOptions[0].text : '');
            return [...field.children].map((part) => part.textContent).join(' ');
        }).join('    '));
    }

    fillUnits() {
        this.unitSelect.textContent = '';
        for (const key of this.chart.units) this.unitSelect.add(new Option(this.chart.axisLabel(key), key));
    }

    renderReadout() {
        if (!this.value) return;
        const [t1, t2] = this.value.times;
        const [v1, v2] = this.value.values;
        const unitName = Qss.axisUnit(this.value.unit);
        const unit = unitName ? ' ' + unitName : '';
        const f = this.fields;
        f.time1.textContent = isFinite(t1) ? this.chart.formatTime(t1) : '–';
        f.time2.textContent = isFinite(t2) ? this.chart.formatTime(t2) : '–';
        const dt = t2 - t1; // ms
        f.dt.textContent = isFinite(dt) ? (dt < 0 ? '−' : '') + Qss.time.formatDuration(Math.abs(dt) * 1e6) : '–';
        f.freq.textContent = isFinite(dt) && dt !== 0 ? Qss.formatValue(1000 / Math.abs(dt)) + ' Hz' : '–';
        f.value1.textContent = isFinite(v1) ? Qss.formatValue(v1) + unit : '–';
        f.value2.textContent = isFinite(v2) ? Qss.formatValue(v2) + unit : '–';
        f.dy.textContent = isFinite(v1) && isFinite(v2) ? Qss.formatValue(v2 - v1) + unit : '–';
    }
};
