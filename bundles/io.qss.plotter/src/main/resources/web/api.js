// SPDX-License-Identifier: Apache-2.0
// The plotter's HTTP API (docs/plotter.md): JSON calls, errors as ApiError, nanosecond time helpers.
'use strict';

window.Qss = window.Qss || {};

Qss.ApiError = class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
};

Qss.api = (() => {
    async function call(method, path, body) {
        const init = { method, headers: {}, credentials: 'same-origin' };
        if (body !== undefined) {
            init.headers['Content-Type'] = 'application/json';
            init.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(path, init);
        } catch (e) {
            throw new Qss.ApiError(0, 'server not reachable [' + method + ' ' + path.split('?')[0] + ']');
        }
        const text = await response.text();
        let json = null;
        try {
            json = text ? JSON.parse(text) : null;
        } catch (e) {
            // a proxy or servlet error page: report the status below
        }
        if (!response.ok) {
            const why = json && json.error ? json.error : text.slice(0, 200) || response.statusText;
            throw new Qss.ApiError(response.status, why);
        }
        return json;
    }

    /**
     * The windows of several streams over one range in one answer (/api/multi, docs/plotter.md): per stream, in the
     * order asked, {times, min, mean, max, count} as Float64Arrays viewing the answer (no text to parse); and the
     * request's timing ({sent, headers, body, decoded} in ms of performance.now(), and the browser's own resource
     * timing when it has one). An AbortSignal cancels it. Errors come as JSON.
     */
    async function multiWindows(uuids, start, end, pw, signal) {
        const path = '/api/multi?' + query(uuids.map((u) => ['uuid', u]).concat([['start', start], ['end', end],
            ['pw', pw]]));
        const { buffer, timing } = await binary(path, signal);
        const streams = [];
        let offset = 8;
        for (let k = new DataView(buffer).getUint32(0, true); k > 0; k--) {
            const stream = columns(buffer, offset);
            streams.push(stream);
            offset += 8 + 5 * 8 * stream.times.length;
        }
        timing.decoded = performance.now();
        return { streams, timing };
    }

    /** GETs a binary answer: {buffer, timing}; a failure is an ApiError with the server's JSON reason. */
    async function binary(path, signal) {
        const timing = { sent: performance.now() };
        const route = 'GET ' + path.split('?')[0];
        let response;
        try {
            response = await fetch(path, { credentials: 'same-origin', signal });
        } catch (e) {
            if (e.name === 'AbortError') throw e;
            throw new Qss.ApiError(0, 'server not reachable [' + route + ']');
        }
        timing.headers = performance.now();
        if (!response.ok) {
            const text = await response.text();
            let why = text.slice(0, 200) || response.statusText;
            try {
                why = JSON.parse(text).error || why;
            } catch (e) {
                // a proxy or servlet error page: its text is the reason
            }
            throw new Qss.ApiError(response.status, why);
        }
        const buffer = await response.arrayBuffer();
        timing.body = performance.now();
        timing.resource = resourceTiming(response.url);
        return { buffer, timing };
    }

    /**
     * The browser's timing of a request ({requestStart, responseStart, responseEnd} in ms of performance.now()), or
     * null. Entries are taken out of the buffer so it never fills.
     */
    function resourceTiming(url) {
        const entry = performance.getEntriesByName(url, 'resource').at(-1);
        if (performance.getEntriesByType('resource').length > 100) performance.clearResourceTimings();
        if (!entry || !entry.requestStart) return null;
        return { requestStart: entry.requestStart, responseStart: entry.responseStart, responseEnd: entry.responseEnd };
    }

    /** The five columns of one stream's windows at byte offset of an answer (uint32 n, 4 zero bytes, 5 × n float64). */
    function columns(buffer, offset) {
        const n = new DataView(buffer).getUint32(offset, true);
        const column = (i) => gapsAsNull(new Float64Array(buffer, offset + 8 + i * 8 * n, n));
        return { times: column(0), min: column(1), mean: column(2), max: column(3), count: column(4) };
    }

    /** The JSON answer writes null for a value that is not finite, and the chart draws null as a gap: the same here. */
    function gapsAsNull(values) {
        for (let i = 0; i < values.length; i++) {
            if (!Number.isFinite(values[i])) return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
        }
        return values;
    }

    const query = (params) => params.map(([k, v]) => k + '=' + encodeURIComponent(v)).join('&');

    return {
        query,
        session: () => call('GET', '/api/session'),
        login: (username, password) => call('POST', '/api/login', { username, password }),
        logout: () => call('POST', '/api/logout'),
        changePassword: (oldPassword, newPassword) => call('POST', '/api/password', { oldPassword, newPassword }),
        streams: () => call('GET', '/api/streams'),
        stream: (uuid) => call('GET', '/api/streams/' + encodeURIComponent(uuid)),
        bracket: (uuids) => call('GET', '/api/bracket?' + query(uuids.map((u) => ['uuid', u]))),
        multi: multiWindows,
        savePermalink: (view) => call('POST', '/api/permalinks', view),
        permalink: (id) => call('GET', '/api/permalinks/' + encodeURIComponent(id)),
        usage: () => call('GET', '/api/usage'),
    };
})();

// Times: the view is kept in milliseconds (doubles, as uPlot draws them); the API speaks nanoseconds, which exceed
// 2^53, so they travel as BigInt and decimal strings.
Qss.time = {
    msToNs: (ms) => BigInt(Math.floor(ms * 1000)) * 1000n,
    nsToMs: (ns) => Number(BigInt(ns) / 1000n) / 1000,
    /** pw = floor(log2(ns per pixel)), kept within what the store answers. */
    pointWidth(startMs, endMs, pixels) {
        const nsPerPixel = ((endMs - startMs) * 1e6) / Math.max(1, pixels);
        return Math.max(0, Math.min(62, Math.floor(Math.log2(Math.max(1, nsPerPixel)))));
    },
    /** "1.05 ms", "17.1 min", "4.1 y": the length of 2^pw ns for people. */
    formatDuration(ns) {
        const units = [[365.25 * 86400e9, 'y'], [86400e9, 'd'], [3600e9, 'h'], [60e9, 'min'], [1e9, 's'],
            [1e6, 'ms'], [1e3, 'µs'], [1, 'ns']];
        for (const [size, name] of units) {
            if (ns >= size) {
                const v = ns / size;
                return (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + name;
            }
        }
        return '0 ns';
    },
};
