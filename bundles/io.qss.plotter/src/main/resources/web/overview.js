// SPDX-License-Identifier: Apache-2.0
// The overview strip: the whole recorded span of the plotted streams (each stream's range and mean, scaled to the
// strip's height on its own) with the current view as a window that can be dragged; a click elsewhere centres the
// view there.
'use strict';

Qss.Overview = class Overview {
    /** Narrowest the view window is drawn (CSS px), so a deep zoom still shows where it is. */
    static MIN_WINDOW_PX = 6;

    /**
     * @param canvas the strip's canvas
     * @param events {preview(min, max) while dragging, move(min, max) when let go}
     */
    constructor(canvas, events) {
        this.canvas = canvas;
        this.events = events;
        this.extent = null; // [firstMs, lastMs] of the plotted streams' data
        this.series = []; // [{colour, times, min, mean, max}]
        this.view = null; // [minMs, maxMs]
        this.layer = null; // the series drawn once, on a canvas of their own (see draw)
        this.draws = 0;
        canvas.addEventListener('pointerdown', (e) => this.onPointerDown(e));
        new ResizeObserver(() => this.draw()).observe(canvas);
    }

    setExtent(extent) {
        this.extent = extent;
        this.canvas.hidden = !extent;
        this.layer = null;
        this.draw();
    }

    setSeries(series) {
        this.series = series;
        this.layer = null;
        this.draw();
    }

    setView(min, max) {
        if (this.view && this.view[0] === min && this.view[1] === max) return;
        this.view = [min, max];
        this.draw();
    }

    /** The strip's x of a time, in CSS px. */
    xOf(ms) {
        const [first, last] = this.extent;
        return ((ms - first) / Math.max(1e-9, last - first)) * this.canvas.clientWidth;
    }

    timeOf(x) {
        const [first, last] = this.extent;
        return first + (x / Math.max(1, this.canvas.clientWidth)) * (last - first);
    }

    /** The view window in CSS px: [left, right], at least MIN_WINDOW_PX wide around the view's middle. */
    windowPx() {
        const [min, max] = this.view;
        let left = this.xOf(min);
        let right = this.xOf(max);
        if (right - left < Overview.MIN_WINDOW_PX) {
            const mid = (left + right) / 2;
            left = mid - Overview.MIN_WINDOW_PX / 2;
            right = mid + Overview.MIN_WINDOW_PX / 2;
        }
        return [left, right];
    }

    draw() {
        const canvas = this.canvas;
        if (!this.extent || canvas.hidden) return;
        const width = canvas.clientWidth;
        const height = canvas.clientHeight;
        const ratio = devicePixelRatio || 1;
        if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
            canvas.width = Math.round(width * ratio);
            canvas.height = Math.round(height * ratio);
        }
        if (!canvas.width || !canvas.height) return; // not laid out yet: nothing to draw on
        const ctx = canvas.getContext('2d');
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(this.seriesLayer(), 0, 0);
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        if (this.view) {
            const [left, right] = this.windowPx();
            ctx.fillStyle = 'rgba(20, 40, 80, 0.12)';
            ctx.fillRect(0, 0, Math.max(0, left), height);
            ctx.fillRect(right, 0, Math.max(0, width - right), height);
            ctx.strokeStyle = '#1f3b66';
            ctx.lineWidth = 1.5;
            ctx.strokeRect(left + 0.75, 0.75, Math.max(1, right - left - 1.5), height - 1.5);
        }
        this.draws++;
    }

    /**
     * The streams drawn on a canvas of the strip's size, kept until they, the extent or the size change: moving the
     * view (every wheel notch) then copies it rather than drawing every window again.
     */
    seriesLayer() {
        const { width, height } = this.canvas;
        if (this.layer && this.layer.width === width && this.layer.height === height) return this.layer;
        this.layer = document.createElement('canvas');
        this.layer.width = width;
        this.layer.height = height;
        const ctx = this.layer.getContext('2d');
        const ratio = devicePixelRatio || 1;
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        for (const s of this.series) this.drawSeries(ctx, s, this.canvas.clientHeight);
        return this.layer;
    }

    /** One stream: its range as a column per window, its mean as a line, scaled to its own min and max. */
    drawSeries(ctx, s, height) {
        if (!s.times.length) return;
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = 0; i < s.times.length; i++) {
            if (s.min[i] < lo) lo = s.min[i];
            if (s.max[i] > hi) hi = s.max[i];
        }
        const pad = 3;
        const scale = hi > lo ? (height - 2 * pad) / (hi - lo) : 0;
        const y = (v) => (scale ? height - pad - (v - lo) * scale : height / 2);
        ctx.globalAlpha = 0.25;
        ctx.fillStyle = s.colour;
        for (let i = 0; i < s.times.length; i++) {
            const x = Math.floor(this.xOf(s.times[i]));
            ctx.fillRect(x, y(s.max[i]), 1, Math.max(1, y(s.min[i]) - y(s.max[i])));
        }
        ctx.globalAlpha = 1;
        ctx.strokeStyle = s.colour;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let i = 0; i < s.times.length; i++) {
            const x = this.xOf(s.times[i]);
            if (i === 0) ctx.moveTo(x, y(s.mean[i])); else ctx.lineTo(x, y(s.mean[i]));
        }
        ctx.stroke();
    }

    /** Inside the window: drag it. Elsewhere: centre the view there, then drag on from there. */
    onPointerDown(e) {
        if (!this.extent || !this.view || e.button !== 0) return;
        e.preventDefault();
        const rect = this.canvas.getBoundingClientRect();
        const [left, right] = this.windowPx();
        const x = e.clientX - rect.left;
        const span = this.view[1] - this.view[0];
        let start = this.view[0];
        if (x < left || x > right) {
            start = this.timeOf(x) - span / 2;
            this.events.preview(start, start + span);
        }
        const perPixel = (this.extent[1] - this.extent[0]) / Math.max(1, rect.width);
        let last = [start, start + span];
        const move = (m) => {
            const dt = (m.clientX - e.clientX) * perPixel;
            last = [start + dt, start + dt + span];
            this.events.preview(...last);
        };
        const up = () => {
            window.removeEventListener('pointermove', move);
            window.removeEventListener('pointerup', up);
            this.events.move(...last);
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
    }
};
