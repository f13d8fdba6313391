// SPDX-License-Identifier: Apache-2.0
// Moving around: the view as a URL query (so reload, Back and bookmarks keep it), presets, and times typed in a
// time zone.
'use strict';

window.Qss = window.Qss || {};

Qss.nav = (() => {
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;

    /** Preset ranges: the span ending now; `all` fits the plotted streams' data. */
    const PRESETS = { '1h': HOUR, '1d': DAY, '7d': 7 * DAY, '30d': 30 * DAY, all: null };

    /**
     * The query of a view {streams: [uuid], start: ns string, end: ns string, zone, axes: {unit: {side, min, max}}}:
     * `streams=a,b&start=<ns>&end=<ns>&zone=<IANA>&axis=<side>,<min>,<max>,<unit>` (one axis parameter per unit
     * with a setting; an empty min or max is automatic; the unit comes last as it may hold commas).
     */
    function toQuery(view) {
        const params = [];
        if (view.streams.length) params.push(['streams', view.streams.join(',')]);
        if (view.start != null && view.end != null) params.push(['start', view.start], ['end', view.end]);
        if (view.zone) params.push(['zone', view.zone]);
        for (const [unit, a] of Object.entries(view.axes || {})) {
            const num = (v) => (typeof v === 'number' && isFinite(v) ? String(v) : '');
            params.push(['axis', [a.side || '', num(a.min), num(a.max), unit].join(',')]);
        }
        return '?' + params.map(([k, v]) => k + '=' + encode(v)).join('&');
    }

    /** Escapes a query value, leaving the separators a query may hold as they are, so the address stays readable. */
    function encode(value) {
        return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
    }

    /**
     * The view a query holds, or null when it names no streams and no range. Bad parts are left out and listed in
     * `problems`, so a mangled bookmark still opens what it can.
     */
    function fromQuery(search) {
        const params = new URLSearchParams(search);
        const problems = [];
        const streams = (params.get('streams') || '').split(',').map((s) => s.trim()).filter(Boolean);
        let start = params.get('start');
        let end = params.get('end');
        const isNs = (v) => v != null && /^-?\d{1,19}$/.test(v);
        if (start != null || end != null) {
            if (!isNs(start) || !isNs(end) || BigInt(start) >= BigInt(end)) {
                problems.push('range [start=' + start + ', end=' + end + ']');
                start = end = null;
            }
        }
        let zone = params.get('zone');
        if (zone != null && !isZone(zone)) {
            problems.push('time zone [zone=' + zone + ']');
            zone = null;
        }
        const axes = {};
        for (const spec of params.getAll('axis')) {
            const parts = spec.split(',');
            const [side, min, max] = parts;
            const unit = parts.slice(3).join(',');
            const number = (v) => (v === '' || v === undefined ? undefined : Number(v));
            const axis = { side: side === 'left' || side === 'right' ? side : undefined };
            const lo = number(min);
            const hi = number(max);
            if (parts.length < 4 || [lo, hi].some((v) => v !== undefined && !isFinite(v))) {
                problems.push('axis [axis=' + spec + ']');
                continue;
            }
            // min and max only when both are set; otherwise the axis scales to the data
            if (lo !== undefined && hi !== undefined && lo < hi) Object.assign(axis, { min: lo, max: hi });
            axes[unit] = axis;
        }
        if (!streams.length && start == null) return problems.length ? { problems } : null;
        return { streams, start, end, zone, axes, problems };
    }

    function isZone(zone) {
        try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            return true;
        } catch (e) {
            return false;
        }
    }

    /** Milliseconds a zone's clock is ahead of UTC at the instant ms. */
    function zoneOffset(ms, zone) {
        const d = uPlot.tzDate(new Date(Math.floor(ms)), zone);
        const wall = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(),
            d.getSeconds(), d.getMilliseconds());
        return wall - Math.floor(ms);
    }

    /**
     * The instant (ms) of a wall-clock time typed as `YYYY-MM-DD[ HH:mm[:ss[.fraction]]]` (or with a `T`) in zone;
     * throws an Error saying what is wrong. A time in a DST gap is read with the offset before the change; one that
     * occurs twice is taken as the later.
     */
    function parseZoned(text, zone) {
        const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*$/.exec(text);
        if (!m) throw new Error('time not understood; write YYYY-MM-DD HH:mm:ss.fff [text=' + text.trim() + ']');
        const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v || 0));
        const fractionMs = m[7] ? Number('0.' + m[7]) * 1000 : 0;
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            throw new Error('no such date or time [text=' + text.trim() + ']');
        }
        const wall = Date.UTC(year, month - 1, day, hour, minute, second);
        if (new Date(wall).getUTCDate() !== day) throw new Error('no such date [text=' + text.trim() + ']');
        // the offsets a day before and a day after: each gives an instant that is right if the zone has that offset
        // then; both are in an overlap (the later is taken), neither in a gap (the offset before the change is used)
        const before = wall - zoneOffset(wall - DAY, zone);
        const after = wall - zoneOffset(wall + DAY, zone);
        const fits = (t) => zoneOffset(t, zone) === wall - t;
        const valid = [before, after].filter(fits);
        return (valid.length ? Math.max(...valid) : before) + fractionMs;
    }

    /** An instant as `YYYY-MM-DD HH:mm:ss.fff` in zone (what parseZoned reads back). */
    function formatZoned(ms, zone) {
        return uPlot.fmtDate('{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}.{fff}')(uPlot.tzDate(new Date(Math.floor(ms)), zone));
    }

    return { PRESETS, toQuery, fromQuery, parseZoned, formatZoned, isZone };
})();
