// SPDX-License-Identifier: Apache-2.0
// The page: session, usage gauge, stream tree, chart, toolbar, accounts and permalinks; window.qssPlotter for
// tests and benchmarks.
'use strict';

(() => {
    const $ = (id) => document.getElementById(id);
    const DAY = 86_400_000;
    const MIN_SPAN_MS = 1e-3; // 1 µs: pw 0 at about a thousand pixels
    const MAX_SPAN_MS = 200 * 365.25 * DAY;
    const WHEEL_SETTLE_MS = 120; // one wheel gesture, one fetch
    // a step whose data takes longer than this is first drawn at its new range with the data at hand; most answers
    // come sooner, and drawing twice would keep the page's one thread from taking the answer in
    const PREVIEW_AFTER_MS = 60;

    const state = {
        session: { user: null, tags: ['public'] },
        streams: new Map(), // uuid -> {uuid, path, unit, ...}
        selected: [],
        colours: {},
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
        axes: {},
        ownAxes: [], // uuids of streams drawn on a y axis of their own rather than their unit's shared one
        range: null, // [startMs, endMs]
        home: null, // the first view, for Reset zoom
        pw: null,
        follow: null,
        unreadable: [], // streams a link or the URL asks for that this visitor may not read (kept for a login)
        extent: null, // {key, range: [firstMs, lastMs]} of the plotted streams' data, for the overview strip
        urlQuery: null, // the view the address shows (see writeUrl)
        urlHeld: false, // while a link is being applied the address stays as it is
    };
    const hooks = { stepTimes: [], steps: [], previewTimes: [], fetches: [], generation: 0, drawnGeneration: 0,
        waiters: [], marks: {} };
    /** Notes when a phase of the first load ended (ms since navigation start), for the benchmark. */
    const mark = (name) => (hooks.marks[name] = hooks.marks[name] || performance.now());

    const fetchWindows = (uuids, start, end, pw, signal) =>
        Qss.api.multi(uuids, start.toString(), end.toString(), pw, signal);
    const cache = new Qss.DataCache(fetchWindows, (request) => hooks.fetches.push(request));

    const chart = new Qss.Chart($('chart'), $('legend'), {
        zoom: (min, max) => show(min, max),
        preview: (min, max) => preview(min, max),
        wheel: (min, max) => wheel(min, max),
        colour: (uuid, colour) => {
            state.colours[uuid] = colour;
            rebuild();
        },
        resized: () => state.range && show(...state.range),
    });

    const overview = new Qss.Overview($('overview'), {
        preview: (min, max) => preview(min, max),
        move: (min, max) => show(min, max),
    });
    // the strip keeps its own coarse windows, apart from the chart's cache and its fetch record
    const overviewCache = new Qss.DataCache(fetchWindows);

    const cursors = new Qss.Cursors($('cursor-readout'), (value) => {
        $('cursors-button').setAttribute('aria-pressed', String(!!value));
    });
    chart.cursors = cursors;

    const tree = new Qss.StreamTree($('tree'), {
        toggle: (uuids, checked) => toggle(uuids, checked),
        info: (uuid) => Qss.dialogs.info(uuid, formatNs),
    });

    // ---- messages ----
    // A notice (not an error) goes after NOTICE_MS. What a view said about itself ("No data in this range.", its
    // fetch errors) goes as soon as a later view is drawn with data, so it does not outlive what it speaks of. Other
    // errors (a time that cannot be read, streams of a link the visitor may not read) stay until the next message:
    // a redraw (a resize refetches) does not answer them.
    const NOTICE_MS = 4000;
    let messageTimer = null;
    let messageOfView = false;
    let messageCount = 0; // messages shown so far: a view clears only what was said before it began
    function message(text, isError, ofView) {
        const el = $('message');
        messageCount++;
        clearTimeout(messageTimer);
        el.hidden = !text;
        el.textContent = text || '';
        el.classList.toggle('error', !!isError);
        messageOfView = !!text && !!ofView;
        if (text && !isError) messageTimer = setTimeout(() => message(''), NOTICE_MS);
    }

    function explain(error, what) {
        if (!(error instanceof Qss.ApiError)) return what + ': ' + error.message;
        switch (error.status) {
            case 401: return what + ': not logged in or the login has expired; log in again (' + error.message + ')';
            case 403: return what + ': you may not read this stream (' + error.message + ')';
            case 0: return what + ': the server does not answer';
            default: return what + ': ' + error.message + ' (HTTP ' + error.status + ')';
        }
    }

    // ---- formatting ----
    function formatMs(ms) {
        return uPlot.fmtDate('{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}.{fff}')(uPlot.tzDate(new Date(ms), state.zone));
    }

    function formatNs(ns) {
        const big = BigInt(ns);
        const subMs = (big % 1_000_000n).toString().padStart(6, '0');
        return formatMs(Number(big / 1_000_000n)) + subMs + ' ' + state.zone + '  (' + big + ' ns)';
    }

    // ---- the view ----
    function selectedStreams() {
        return state.selected.map((uuid, i) => {
            const s = state.streams.get(uuid);
            return { ...s, colour: state.colours[uuid] || Qss.PALETTE[i % Qss.PALETTE.length],
                axis: Qss.axisKey(s, state.ownAxes.includes(uuid)) };
        });
    }

    function rebuild() {
        const streams = selectedStreams();
        $('chart-empty').hidden = streams.length > 0;
        chart.configure(streams, state.zone, state.axes, state.range || [Date.now() - DAY, Date.now()]);
        mark('configured');
        if (state.range) return show(...state.range);
        return Promise.resolve();
    }

    function clampRange(min, max) {
        // a range within the limits stays exactly as given, so the address shows what was asked for
        if (max - min >= MIN_SPAN_MS && max - min <= MAX_SPAN_MS) return [min, max];
        let span = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, max - min));
        const mid = (min + max) / 2;
        return [mid - span / 2, mid + span / 2];
    }

    function preview(min, max) {
        const began = performance.now();
        [min, max] = clampRange(min, max);
        state.range = [min, max];
        // in a batch uPlot draws before returning, so the time below includes the redraw
        if (chart.plot) chart.plot.batch(() => chart.preview(min, max));
        else chart.preview(min, max);
        hooks.previewTimes.push(performance.now() - began);
        overview.setView(min, max);
        describeRange();
    }

    let wheelTimer = null;
    function wheel(min, max) {
        if (wheelTimer === null) abandonStep(); // a new gesture: the view the last one asked for is not wanted now
        preview(min, max);
        clearTimeout(wheelTimer);
        wheelTimer = setTimeout(() => {
            wheelTimer = null;
            show(...state.range);
        }, WHEEL_SETTLE_MS);
    }

    /** Cancels the requests of a step not drawn yet: a newer one replaces it, and they would hold up its answer. */
    function abandonStep() {
        if (hooks.drawnGeneration < hooks.generation) cache.abort();
    }

    /**
     * Shows [min, max): fetches the missing windows of every selected stream (in one request when they miss the same
     * chunks), draws; when the data is slow to come, previews the range with the data at hand meanwhile. Resolves
     * when this range (or a later one) is drawn; stepTimes gets the time from call to drawn, steps where it went.
     */
    async function show(min, max, staleMs) {
        const began = performance.now();
        const messagesBefore = messageCount;
        abandonStep();
        const fetchesBefore = hooks.fetches.length;
        [min, max] = clampRange(min, max);
        const generation = ++hooks.generation;
        state.range = [min, max];
        const done = new Promise((resolve) => hooks.waiters.push({ generation, resolve }));
        if (!state.selected.length) {
            describeRange();
            overview.setView(min, max);
            finish(generation);
            writeUrl();
            refreshOverview();
            return done;
        }
        const pw = Qss.time.pointWidth(min, max, chart.width());
        const uuids = state.selected.slice();
        // with every window cached the view is drawn in this task: a plot just configured then draws once, with data
        const held = cache.holds(uuids, min, max, pw, staleMs);
        // the request goes out before anything is drawn: while the page draws, it cannot take the answer in
        const fetching = held ? null : cache.ensure(uuids, min, max, pw, staleMs);
        chart.aim(min, max);
        describeRange();
        overview.setView(min, max);
        mark('aimed');
        let failed = [];
        if (fetching) {
            const previewLater = setTimeout(() => generation === hooks.generation && chart.preview(min, max),
                PREVIEW_AFTER_MS);
            failed = await fetching;
            clearTimeout(previewLater);
            // a newer range is on its way (a step is abandoned only for a newer one, or to be redrawn after a login)
            if (generation !== hooks.generation || failed.some((f) => f.error.name === 'AbortError')) return done;
        }
        const failures = failed.sort((a, b) => uuids.indexOf(a.uuid) - uuids.indexOf(b.uuid))
            .map((f) => explain(f.error, 'Data of ' + (state.streams.get(f.uuid) || { path: f.uuid }).path));
        const fetched = performance.now();
        mark('fetched');
        const joined = Qss.joinSeries(uuids.map((uuid) => cache.slice(uuid, min, max, pw)));
        const sliced = performance.now();
        mark('sliced');
        chart.show(joined, min, max, Number(1n << BigInt(pw)) / 1e6);
        const drawn = performance.now();
        mark('drawn');
        hooks.stepTimes.push(drawn - began);
        hooks.steps.push({ ms: drawn - began, fetchMs: fetched - began, drawMs: drawn - fetched, pw,
            windows: joined.x.length, requests: hooks.fetches.length - fetchesBefore,
            phases: stepPhases(began, hooks.fetches.slice(fetchesBefore), fetched, sliced, drawn) });
        performance.measure('qss step', { start: began, end: drawn });
        state.pw = pw;
        describeView(pw, joined.x.length);
        if (failures.length) message(failures.join('; '), true, true);
        else if (!joined.x.length) message('No data in this range.', false, true);
        else if (messageOfView && messageCount === messagesBefore) message(''); // what an earlier view said
        cache.trim();
        finish(generation);
        writeUrl();
        refreshOverview();
        return done;
    }

    /**
     * Where a step's time went, as consecutive parts in ms that add up to its time: the page's work before its (last)
     * request went out (startMs), the request in the browser's hands until sent (queuedMs), the server until the
     * first byte of the answer (serverMs), reading the answer (readMs), handing it to the page (deliverMs), viewing
     * its columns (decodeMs), waiting for other requests (waitMs), then slicing the cache (sliceMs) and drawing
     * (plotMs). Without the browser's timing of the request, netMs stands for queued to deliver.
     */
    function stepPhases(began, requests, fetched, sliced, drawn) {
        const phases = { sliceMs: sliced - fetched, plotMs: drawn - sliced };
        const timed = requests.filter((r) => r.timing);
        if (!timed.length) return Object.assign(phases, { startMs: fetched - began });
        const t = timed.reduce((a, b) => (b.timing.decoded > a.timing.decoded ? b : a)).timing;
        Object.assign(phases, { startMs: t.sent - began, decodeMs: t.decoded - t.body, waitMs: fetched - t.decoded });
        const r = t.resource;
        if (!r) return Object.assign(phases, { netMs: t.body - t.sent });
        return Object.assign(phases, { queuedMs: r.requestStart - t.sent, serverMs: r.responseStart - r.requestStart,
            readMs: r.responseEnd - r.responseStart, deliverMs: t.body - r.responseEnd });
    }

    function finish(generation) {
        hooks.drawnGeneration = Math.max(hooks.drawnGeneration, generation);
        hooks.waiters = hooks.waiters.filter((w) => {
            if (w.generation > generation) return true;
            w.resolve(state.range.slice());
            return false;
        });
    }

    function describeRange() {
        if (!state.range) return;
        const [min, max] = state.range;
        $('range-text').textContent = formatMs(min) + ' — ' + formatMs(max) + ' ' + state.zone + '  ('
            + Qss.time.formatDuration((max - min) * 1e6) + ')';
        showTypedRange();
    }

    function describeView(pw, windows) {
        const el = $('view-info');
        el.dataset.pw = String(pw);
        el.textContent = 'windows of ' + Qss.time.formatDuration(2 ** pw) + ' (pw ' + pw + ') · '
            + windows.toLocaleString('en') + ' windows';
    }

    // ---- selection ----
    async function toggle(uuids, checked) {
        if (checked) {
            const added = uuids.filter((u) => !state.selected.includes(u));
            if (added.length > 5 && !(await Qss.dialogs.confirm('Plot ' + added.length + ' streams?'))) return;
            return setSelection(state.selected.concat(added));
        }
        return setSelection(state.selected.filter((u) => !uuids.includes(u)));
    }

    /** Sets the plotted streams; the first selection zooms to all their data. */
    async function setSelection(uuids) {
        const wasEmpty = state.selected.length === 0;
        state.selected = uuids.filter((u, i) => state.streams.has(u) && uuids.indexOf(u) === i);
        if (!state.selected.length) state.unreadable = [];
        tree.setSelected(state.selected);
        if (wasEmpty && state.selected.length && !state.range) {
            chart.configure(selectedStreams(), state.zone, state.axes, [Date.now() - DAY, Date.now()]);
            $('chart-empty').hidden = false;
            await autoZoom();
            state.home = state.range && state.range.slice();
        }
        return rebuild();
    }

    async function autoZoom() {
        if (!state.selected.length) return;
        try {
            const b = await Qss.api.bracket(state.selected);
            if (b.first == null || b.last == null) {
                message('The selected streams hold no data yet.');
                if (!state.range) state.range = [Date.now() - DAY, Date.now()];
                return;
            }
            const first = Qss.time.nsToMs(b.first);
            const last = Qss.time.nsToMs(b.last);
            const pad = Math.max(1, (last - first) * 0.01);
            state.range = [first - pad, last + pad];
            state.extent = { key: state.selected.join(','), range: state.range.slice() };
        } catch (e) {
            message(explain(e, 'Auto zoom'), true);
        }
    }

    // ---- loading ----
    async function loadSession() {
        state.session = await Qss.api.session();
        mark('session');
        const settings = state.session.settings || {};
        if (settings.wheelZoomStep > 1) chart.wheelStep = settings.wheelZoomStep;
        if (settings.wheelZoomStepFast > 1) chart.wheelStepFast = settings.wheelZoomStepFast;
        const user = state.session.user;
        $('account-user').textContent = user ? user : '';
        $('login-button').hidden = !!user;
        $('account-menu').hidden = !user;
    }

    async function loadStreams() {
        const list = await Qss.api.streams();
        mark('list');
        state.streams = new Map(list.map((s) => [s.uuid, s]));
        tree.setStreams(list);
        mark('tree');
        const kept = state.selected.filter((u) => state.streams.has(u));
        if (kept.length !== state.selected.length) {
            // remembered (and kept in the address) so logging in again brings them back
            state.unreadable = state.unreadable.concat(state.selected.filter((u) => !kept.includes(u)));
            state.selected = kept;
        }
        tree.setSelected(state.selected);
        noteWhenNothingReadable();
    }

    /** An anonymous visitor who may read no stream is told that logging in may show some. */
    function noteWhenNothingReadable() {
        const empty = $('chart-empty');
        empty.dataset.usual = empty.dataset.usual || empty.textContent;
        const nothing = !state.session.user && state.streams.size === 0;
        empty.textContent = nothing ? 'No stream here is public. Log in to see the streams your account may read.'
            : empty.dataset.usual;
        empty.classList.toggle('login-note', nothing);
    }

    async function loadUsage() {
        try {
            const u = await Qss.api.usage();
            $('usage-text').textContent = u.text;
            $('usage-fill').style.width = Math.min(100, Math.round((u.usedFraction || 0) * 100)) + '%';
            $('usage-notice').hidden = !u.notice;
            $('usage-notice').textContent = u.notice || '';
            $('usage').classList.toggle('full', !!u.notice);
        } catch (e) {
            $('usage-text').textContent = 'data usage unknown';
        }
    }

    /** After a login the address (a permalink or a view) is applied again: streams it names may now be readable. */
    async function afterAccountChange(reapply) {
        cache.clear();
        overviewCache.clear();
        overviewJob = null;
        state.extent = null;
        await loadSession();
        await loadStreams();
        if (reapply && await applyLocation()) return;
        await rebuild();
    }

    // ---- permalinks ----
    /**
     * The view as stored: streams, zone, axes, the range (start/end in ns), the window type ({type: "fixed"},
     * {type: "now", span: ms} or {type: "last", span: ms}) and, when shown, the cursors (times in ns).
     */
    function permalinkView(type, spanMs) {
        const view = {
            streams: state.selected.slice(),
            start: Qss.time.msToNs(state.range[0]).toString(),
            end: Qss.time.msToNs(state.range[1]).toString(),
            zone: state.zone,
            axes: Object.entries(state.axes).map(([unit, a]) => ({ unit, ...a })),
            window: type === 'fixed' ? { type } : { type, span: spanMs },
        };
        const own = state.ownAxes.filter((u) => state.selected.includes(u));
        if (own.length) view.ownAxes = own;
        const c = cursors.value;
        if (c && c.times.every(isFinite)) {
            view.cursors = { times: c.times.map((ms) => Qss.time.msToNs(ms).toString()),
                values: c.values.map((v) => (isFinite(v) ? v : null)), unit: c.unit };
        }
        return view;
    }

    function savePermalink() {
        if (!state.selected.length || !state.range) {
            message('Select streams first.', true);
            return;
        }
        return Qss.dialogs.permalink(spanOf(), async (type, spanMs) => {
            const { id } = await Qss.api.savePermalink(permalinkView(type, spanMs));
            return location.origin + '/?permalink=' + encodeURIComponent(id);
        });
    }

    /** The range a stored window asks for now: fixed as saved, or the span ending now or at the newest data. */
    async function windowRange(view, saved) {
        const w = view.window || { type: 'fixed' };
        const span = Number(w.span);
        if (w.type === 'now' && span > 0) return [Date.now() - span, Date.now()];
        if (w.type === 'last' && span > 0 && state.selected.length) {
            try {
                const b = await Qss.api.bracket(state.selected);
                if (b.last != null) {
                    const last = Qss.time.nsToMs(b.last);
                    return [last - span, last];
                }
                message('The streams of this permalink hold no data yet.');
            } catch (e) {
                message(explain(e, 'Newest data of the permalink'), true);
            }
        }
        return saved;
    }

    async function restorePermalink(id) {
        const early = earlyPermalink && earlyPermalink.id === id ? earlyPermalink.view : null;
        earlyPermalink = null; // a later restore (after a login) asks again
        let view;
        try {
            view = await (early || Qss.api.permalink(id));
        } catch (e) {
            message(explain(e, 'Permalink ' + id), true);
            return;
        }
        if (view.zone) setZone(view.zone, false);
        state.axes = {};
        for (const a of view.axes || []) state.axes[a.unit] = { side: a.side, min: a.min, max: a.max };
        state.ownAxes = Array.isArray(view.ownAxes) ? view.ownAxes.filter((u) => typeof u === 'string') : [];
        const wanted = (view.streams || []).filter((u) => typeof u === 'string');
        const missing = wanted.filter((u) => !state.streams.has(u));
        if (missing.length) {
            message(missing.length + ' stream(s) of this permalink are unknown or not readable'
                + (state.session.user ? '.' : '; log in to see them.'), true);
        }
        state.selected = wanted.filter((u) => state.streams.has(u));
        state.unreadable = missing;
        tree.setSelected(state.selected);
        const saved = view.start != null && view.end != null
            ? [Qss.time.nsToMs(view.start), Qss.time.nsToMs(view.end)] : null;
        const range = await windowRange(view, saved);
        if (range) {
            state.range = range;
            state.home = range.slice();
        }
        const c = view.cursors;
        if (c && Array.isArray(c.times) && c.times.length === 2) {
            // in a now/last window the time cursors keep their place in the window, which has moved
            const shift = saved && range ? range[1] - saved[1] : 0;
            const values = Array.isArray(c.values) ? c.values : [];
            cursors.set({ times: c.times.map((ns) => Qss.time.nsToMs(ns) + shift),
                values: [0, 1].map((i) => (typeof values[i] === 'number' ? values[i] : NaN)),
                unit: typeof c.unit === 'string' ? c.unit : null });
            $('cursors-button').setAttribute('aria-pressed', 'true');
        }
        await rebuild();
    }

    // ---- the view in the address ----
    const nsOf = (ms) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

    function currentQuery() {
        return Qss.nav.toQuery({
            streams: state.selected.concat(state.unreadable),
            start: state.range ? nsOf(state.range[0]) : null,
            end: state.range ? nsOf(state.range[1]) : null,
            zone: state.zone,
            axes: state.axes,
        });
    }

    /**
     * Puts the drawn view in the address: a new history entry per change, so Back returns to the previous view
     * (replaced while following, which moves every few seconds). A permalink's address stays until the view changes.
     */
    function writeUrl() {
        if (state.urlHeld || state.urlQuery === null) return;
        const query = currentQuery();
        if (query === state.urlQuery) return;
        const url = location.pathname + query;
        if (state.follow) history.replaceState(null, '', url); else history.pushState(null, '', url);
        state.urlQuery = query;
    }

    /** Applies the permalink or the view the address names; false when it names neither. */
    async function applyLocation() {
        const id = new URLSearchParams(location.search).get('permalink');
        const view = id ? null : Qss.nav.fromQuery(location.search);
        if (!id && !view) return false;
        state.urlHeld = true;
        try {
            if (id) await restorePermalink(id);
            else await applyView(view);
        } finally {
            state.urlHeld = false;
            state.urlQuery = currentQuery();
        }
        return true;
    }

    async function applyView(view) {
        if (view.problems.length) message('Parts of the address were not understood: ' + view.problems.join(', '), true);
        if (view.zone) setZone(view.zone, false);
        state.axes = view.axes || {};
        const wanted = view.streams || [];
        state.unreadable = wanted.filter((u) => !state.streams.has(u));
        if (state.unreadable.length) {
            message(state.unreadable.length + ' stream(s) of this address are unknown or not readable'
                + (state.session.user ? '.' : '; log in to see them.'), true);
        }
        state.selected = wanted.filter((u) => state.streams.has(u));
        tree.setSelected(state.selected);
        if (view.start != null) {
            state.range = [Qss.time.nsToMs(view.start), Qss.time.nsToMs(view.end)];
        } else if (state.selected.length) {
            await autoZoom();
        }
        if (state.range && !state.home) state.home = state.range.slice();
        await rebuild();
    }

    function bindNavigation() {
        window.addEventListener('popstate', () => {
            forgetTyped();
            applyLocation().then((applied) => applied || setSelection([]));
        });
        for (const button of document.querySelectorAll('[data-preset]')) {
            button.addEventListener('click', () => applyPreset(button.dataset.preset));
        }
        $('range-form').addEventListener('submit', (e) => {
            e.preventDefault();
            applyTypedRange();
        });
        // What the user typed stays until applied: a redraw meanwhile (a resize, a notice going) must not replace it
        for (const f of [$('range-start'), $('range-end')]) {
            f.addEventListener('input', () => { f.dataset.typed = 'true'; });
        }
    }

    /** Last 1 h / 1 d / 7 d / 30 d ending now, or all data of the plotted streams. */
    async function applyPreset(key) {
        const span = Qss.nav.PRESETS[key];
        if (span === undefined) return;
        forgetTyped();
        if (span === null) {
            if (!state.selected.length) return message('Select streams first.', true);
            await autoZoom();
            return state.range && show(...state.range);
        }
        const now = Date.now();
        return show(now - span, now);
    }

    async function applyTypedRange() {
        const fields = [$('range-start'), $('range-end')];
        let times;
        try {
            times = fields.map((f) => {
                try {
                    return Qss.nav.parseZoned(f.value, state.zone);
                } catch (e) {
                    f.setAttribute('aria-invalid', 'true');
                    throw new Error((f === fields[0] ? 'Start' : 'End') + ': ' + e.message);
                }
            });
        } catch (e) {
            return message(e.message, true);
        }
        fields.forEach((f) => f.removeAttribute('aria-invalid'));
        if (!(times[1] > times[0])) {
            $('range-end').setAttribute('aria-invalid', 'true');
            return message('The end must come after the start [start=' + fields[0].value + ', end='
                + fields[1].value + ']', true);
        }
        if ($('message').classList.contains('error')) message('');
        forgetTyped();
        return show(times[0], times[1]);
    }

    /** A preset, Back or Go replaces what was typed: the fields follow the view again. */
    function forgetTyped() {
        for (const f of [$('range-start'), $('range-end')]) {
            delete f.dataset.typed;
            f.removeAttribute('aria-invalid');
        }
    }

    /** The typed fields follow the view, except one being edited. */
    function showTypedRange() {
        const fields = [$('range-start'), $('range-end')];
        fields.forEach((f, i) => {
            if (document.activeElement === f || f.dataset.typed) return;
            f.value = Qss.nav.formatZoned(state.range[i], state.zone);
            f.removeAttribute('aria-invalid');
        });
        $('range-zone').textContent = state.zone;
    }

    // ---- overview strip ----
    let overviewJob = null;
    /** Loads the strip once per set of plotted streams: their recorded span at about one window per pixel. */
    function refreshOverview() {
        const key = state.selected.join(',');
        if (!key) {
            overview.setExtent(null);
            overview.setSeries([]);
            return;
        }
        if (overviewJob === key) return;
        overviewJob = key;
        // in a task of its own: the step that asks for it is drawn and done first (sending the request alone took
        // 10-15 ms of a first load on a slow machine)
        setTimeout(() => loadOverview(key).catch((e) => {
            if (overviewJob === key) overviewJob = null;
            message(explain(e, 'Overview'), true);
        }));
    }

    async function loadOverview(key) {
        if (overviewJob !== key) return; // the streams changed before its turn came
        let extent = state.extent && state.extent.key === key ? state.extent.range : null;
        if (!extent) {
            const b = await Qss.api.bracket(state.selected);
            if (b.first == null || b.last == null) return overview.setExtent(null);
            const first = Qss.time.nsToMs(b.first);
            const last = Qss.time.nsToMs(b.last);
            const pad = Math.max(1, (last - first) * 0.01);
            extent = [first - pad, last + pad];
        }
        if (overviewJob !== key) return;
        overview.setExtent(extent);
        if (state.range) overview.setView(...state.range);
        const pw = Qss.time.pointWidth(extent[0], extent[1], $('overview').clientWidth || 800);
        const streams = selectedStreams();
        const failed = await overviewCache.ensure(streams.map((s) => s.uuid), extent[0], extent[1], pw);
        if (overviewJob !== key) return;
        if (failed.length) throw failed[0].error;
        overview.setSeries(streams.map((s) => ({ colour: s.colour, ...overviewCache.slice(s.uuid, ...extent, pw) })));
    }

    /** Resolves once no wheel gesture is pending and the newest range is drawn (for tests and benchmarks). */
    async function settled() {
        while (wheelTimer !== null) await new Promise((r) => setTimeout(r, 10));
        if (hooks.drawnGeneration >= hooks.generation) return state.range && state.range.slice();
        return new Promise((resolve) => hooks.waiters.push({ generation: hooks.generation, resolve }));
    }

    // ---- time zones ----
    function fillZones() {
        const select = $('zone');
        const browser = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
        const common = ['UTC', browser, 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
            'America/Sao_Paulo', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Moscow',
            'Africa/Johannesburg', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney',
            'Pacific/Auckland'];
        addZoneGroup(select, 'Common', common, browser);
        select.value = state.zone;
        select.addEventListener('change', () => setZone(select.value, true));
    }

    /**
     * The list of every IANA zone (several hundred options) comes after the first draw: building it before took
     * 10-30 ms of a first load on a slow machine. A zone the address named is already there and is not repeated.
     */
    function fillAllZones() {
        if (!Intl.supportedValuesOf) return;
        const select = $('zone');
        const browser = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
        addZoneGroup(select, 'All zones', Intl.supportedValuesOf('timeZone'), browser);
    }

    function addZoneGroup(select, label, zones, browser) {
        const seen = new Set([...select.options].map((o) => o.value));
        const group = document.createElement('optgroup');
        group.label = label;
        for (const z of zones) {
            if (seen.has(z)) continue;
            seen.add(z);
            group.append(new Option(z === browser && z !== 'UTC' ? z + ' (browser)' : z, z));
        }
        select.append(group);
    }

    function setZone(zone, redraw) {
        const select = $('zone');
        if (![...select.options].some((o) => o.value === zone)) select.add(new Option(zone, zone));
        state.zone = zone;
        select.value = zone;
        describeRange();
        if (redraw) rebuild();
    }

    // ---- toolbar ----
    function spanOf() {
        return state.range ? state.range[1] - state.range[0] : DAY;
    }

    function bindToolbar() {
        $('reset-zoom').addEventListener('click', async () => {
            if (state.home) return show(...state.home);
            await autoZoom();
            return rebuild();
        });
        $('auto-zoom').addEventListener('click', async () => {
            await autoZoom();
            return state.range && show(...state.range);
        });
        const zoomBy = (f) => state.range && show((state.range[0] + state.range[1]) / 2 - spanOf() * f / 2,
            (state.range[0] + state.range[1]) / 2 + spanOf() * f / 2);
        $('zoom-in').addEventListener('click', () => zoomBy(0.5));
        $('zoom-out').addEventListener('click', () => zoomBy(2));
        $('pan-left').addEventListener('click', () => state.range && show(state.range[0] - spanOf() / 3,
            state.range[1] - spanOf() / 3));
        $('pan-right').addEventListener('click', () => state.range && show(state.range[0] + spanOf() / 3,
            state.range[1] + spanOf() / 3));
        $('follow').addEventListener('click', () => setFollow(!state.follow));
        $('permalink-button').addEventListener('click', savePermalink);
        $('cursors-button').addEventListener('click', () => cursors.enable(!cursors.value));
        $('csv-button').addEventListener('click', () => {
            if (!state.selected.length || !state.range) return message('Select streams first.', true);
            Qss.dialogs.csv(selectedStreams(), state.range[0], state.range[1], state.pw ?? 30, state.zone,
                $('range-text').textContent, state.session.settings && state.session.settings.csvMaxRows);
        });
        $('axes-button').addEventListener('click', async () => {
            const streams = selectedStreams();
            const units = Array.from(new Set(streams.map((s) => s.axis)));
            if (!units.length) return message('Select streams first.', true);
            const chosen = await Qss.dialogs.axes(units, state.axes,
                { streams, own: state.ownAxes, label: (key) => chart.axisLabel(key) });
            if (chosen) {
                state.axes = chosen.axes;
                state.ownAxes = chosen.own;
                rebuild();
            }
        });
        $('png-button').addEventListener('click', () => {
            // the chart with its range, zone, cursors and legend, not only the plot's canvas
            const canvas = chart.exportCanvas($('range-text').textContent);
            if (!canvas) return message('Nothing to save yet.', true);
            const a = document.createElement('a');
            a.href = canvas.toDataURL('image/png');
            a.download = 'qss-plot.png';
            a.click();
        });
        $('deselect-all').addEventListener('click', () => setSelection([]));
        let filterTimer = null;
        $('tree-filter').addEventListener('input', (e) => {
            clearTimeout(filterTimer);
            filterTimer = setTimeout(() => tree.filter(e.target.value), 120);
        });
    }

    function setFollow(on) {
        clearInterval(state.follow);
        state.follow = null;
        $('follow').setAttribute('aria-pressed', String(on));
        if (!on) return;
        const tick = async () => {
            if (!state.selected.length) return;
            try {
                const b = await Qss.api.bracket(state.selected);
                if (b.last == null) return;
                const last = Qss.time.nsToMs(b.last);
                const span = spanOf();
                // the right edge sits just after the newest point; volatile windows are refetched
                await show(last + span * 0.02 - span, last + span * 0.02, 0);
            } catch (e) {
                message(explain(e, 'Follow'), true);
            }
        };
        const seconds = (state.session.settings && state.session.settings.followIntervalSeconds) || 5;
        state.follow = setInterval(tick, seconds * 1000);
        tick();
    }

    // ---- accounts ----
    function bindAccount() {
        const menuItems = $('account-menu-items');
        $('account-menu-button').addEventListener('click', () => (menuItems.hidden = !menuItems.hidden));
        document.addEventListener('click', (e) => {
            if (!$('account-menu').contains(e.target)) menuItems.hidden = true;
        });
        $('login-button').addEventListener('click', () => {
            $('login-error').textContent = '';
            $('login-form').reset();
            $('login-dialog').showModal();
        });
        $('login-form').addEventListener('submit', async (e) => {
            if (e.submitter && e.submitter.value === 'cancel') return;
            e.preventDefault();
            try {
                await Qss.api.login($('login-user').value, $('login-password').value);
                $('login-dialog').close();
                await afterAccountChange(true);
                message('Logged in as ' + state.session.user + '.');
            } catch (err) {
                $('login-error').textContent = err.status === 401 ? 'Wrong user name or password.' : err.message;
            }
        });
        $('logout-button').addEventListener('click', async () => {
            menuItems.hidden = true;
            try {
                await Qss.api.logout();
            } catch (e) {
                message(explain(e, 'Log out'), true);
            }
            await afterAccountChange();
            message('Logged out.');
        });
        $('password-button').addEventListener('click', () => {
            menuItems.hidden = true;
            $('password-error').textContent = '';
            $('password-form').reset();
            $('password-dialog').showModal();
        });
        $('password-form').addEventListener('submit', async (e) => {
            if (e.submitter && e.submitter.value === 'cancel') return;
            e.preventDefault();
            if ($('new-password').value !== $('new-password2').value) {
                $('password-error').textContent = 'The new passwords differ.';
                return;
            }
            try {
                await Qss.api.changePassword($('old-password').value, $('new-password').value);
                $('password-dialog').close();
                message('Password changed.');
            } catch (err) {
                $('password-error').textContent = err.status === 401 ? 'The current password is wrong.' : err.message;
            }
        });
    }

    // ---- start ----
    /** The permalink the address names, asked for as the page starts; {id, view: Promise}, taken by its restore. */
    let earlyPermalink = null;

    /**
     * Asks for the windows of the view the address names (for a permalink: the permalink, then the windows of its
     * fixed range) while the session and the stream list load, so its first draw need not wait for them after.
     * Failures are left to the first draw, which asks again for what is missing and says why (a stream this visitor
     * may not read is not asked for then).
     */
    function prefetchAddressView() {
        const id = new URLSearchParams(location.search).get('permalink');
        if (id) {
            earlyPermalink = { id, view: Qss.api.permalink(id) };
            return earlyPermalink.view.then((view) => {
                const streams = (view.streams || []).filter((u) => typeof u === 'string');
                const fixed = !view.window || view.window.type === 'fixed';
                if (fixed && streams.length && view.start != null && view.end != null) {
                    return prefetchWindows(streams, view.start, view.end);
                }
                return null;
            }).catch(() => {}); // restorePermalink says what failed
        }
        const view = Qss.nav.fromQuery(location.search);
        if (view && view.streams.length && view.start != null) return prefetchWindows(view.streams, view.start, view.end);
        return null;
    }

    /**
     * Gives the address's windows up to PREVIEW_AFTER_MS more to come in before the chart is built: in time, the
     * first view is drawn once, with its data, instead of an empty chart first (a full redraw of the canvas, tens of
     * ms on a slow machine) and the data after; a slower answer gets the empty chart meanwhile, as a step does.
     */
    function waitForAddressData(prefetch) {
        if (!prefetch) return null;
        return Promise.race([prefetch, new Promise((resolve) => setTimeout(resolve, PREVIEW_AFTER_MS))]);
    }

    /**
     * The plot's width may be estimated before the plot exists: when the estimate gives another point width, the
     * first draw asks again.
     */
    function prefetchWindows(streams, startNs, endNs) {
        const [min, max] = clampRange(Qss.time.nsToMs(startNs), Qss.time.nsToMs(endNs));
        return cache.ensure(streams, min, max, Qss.time.pointWidth(min, max, chart.width()));
    }

    async function start() {
        mark('script');
        // asked first: building the zone list and binding the page take tens of ms on a slow machine
        const loading = Promise.all([loadSession(), loadStreams()]);
        const prefetch = prefetchAddressView();
        mark('asked');
        fillZones();
        mark('zones');
        bindToolbar();
        bindAccount();
        loadUsage();
        setInterval(loadUsage, 60_000);
        bindNavigation();
        mark('bound');
        try {
            await loading;
            mark('streams');
        } catch (e) {
            message(explain(e, 'Loading streams'), true);
        }
        await waitForAddressData(prefetch);
        mark('data');
        if (!(await applyLocation())) await rebuild();
        state.urlQuery = currentQuery();
        setTimeout(fillAllZones);
    }

    const ready = start().then(() => {
        window.qssPlotter.readyAt = performance.now(); // ms since navigation start
    });
    window.qssPlotter = {
        ready,
        readyAt: null,
        stepTimes: hooks.stepTimes,
        /** Per step: {ms, fetchMs, drawMs, pw, windows drawn, requests made, phases (see stepPhases)}. */
        steps: hooks.steps,
        /** Every request for windows: {uuids, pw, start, end (ns strings), timing once answered}. */
        fetches: hooks.fetches,
        /** When the first load's phases ended: {script, streams, configured, fetched, drawn} (ms). */
        marks: hooks.marks,
        /** Time (ms) of each immediate redraw while wheeling or dragging, before the data is fetched. */
        previewTimes: hooks.previewTimes,
        /** Resolves once a pending wheel gesture has settled and the newest range is drawn. */
        settled,
        /** The address's query: the view ("?streams=...&start=...") or the permalink it was opened with. */
        url: () => location.search,
        /** Plots exactly these streams; resolves when drawn. */
        select: (uuids) => ready.then(() => setSelection(uuids)),
        /** Shows [startMs, endMs); resolves after the data is fetched and drawn. */
        setRange: (startMs, endMs) => ready.then(() => show(startMs, endMs)),
        range: () => (state.range ? state.range.slice() : null),
        pw: () => state.pw,
        selected: () => state.selected.slice(),
        zone: () => state.zone,
        /** The cursors: {times: [ms, ms], values: [v, v], unit} or null when hidden. */
        cursors: () => cursors.value && JSON.parse(JSON.stringify(cursors.value)),
        /** Shows the cursors at these positions (null: hides them). */
        setCursors: (value) => {
            cursors.set(value);
            $('cursors-button').setAttribute('aria-pressed', String(!!value));
        },
        cache,
        chart,
        overview,
    };
})();
