// SPDX-License-Identifier: Apache-2.0
// Per-stream, per-point-width cache of aligned windows. Time is cut into chunks of CHUNK_WINDOWS windows; a view
// needs the chunks it overlaps, and only the missing ones are fetched: adjacent missing chunks in one request, and
// the streams missing the same chunks (all of them after a zoom or pan) together in that one request.
'use strict';

Qss.DataCache = class DataCache {
    static CHUNK_BITS = 10; // 1024 windows per chunk: about one plot width, so a view touches 2-3 chunks
    static MAX_POINTS = 4_000_000; // trimmed (least recently used first) above this many cached windows
    static VOLATILE_MS = 15 * 60_000; // data this close to the present may still grow: refetched when stale

    /**
     * @param fetchWindows (uuids, startNs, endNs, pw, signal) => Promise<{streams: [answer per uuid], timing}>
     * @param onFetch called with each request made, {uuids, pw, start, end} (ns strings); its timing is added when
     *     the answer is in
     */
    constructor(fetchWindows, onFetch) {
        this.fetchWindows = fetchWindows;
        this.onFetch = onFetch || (() => {});
        this.entries = new Map(); // uuid + '/' + pw -> [segment {c0, c1, times, min, mean, max, count, ...}]
        this.pending = new Map(); // uuid + '/' + pw + '/' + c0 -> Promise
        this.inFlight = new Set(); // {controller, keys}: requests not answered yet, for abort()
        this.points = 0;
        this.clock = 0;
    }

    clear() {
        this.abort();
        this.entries.clear();
        this.pending.clear();
        this.points = 0;
    }

    /** Cancels every request in flight; whoever waits for one gets an AbortError, later ensure() calls ask anew. */
    abort() {
        for (const request of this.inFlight) {
            request.controller.abort();
            for (const key of request.keys) this.pending.delete(key);
        }
        this.inFlight.clear();
    }

    static chunkRange(startMs, endMs, pw) {
        const shift = BigInt(pw + DataCache.CHUNK_BITS);
        const first = Qss.time.msToNs(startMs) >> shift;
        const last = (Qss.time.msToNs(endMs) - 1n) >> shift;
        return [Number(first), Number(last < first ? first : last)];
    }

    /**
     * Fetches whatever the streams lack for [startMs, endMs) at pw; resolves when all is cached, or could not be:
     * to the failures, [{uuid, error}], empty when every stream's windows are in.
     */
    async ensure(uuids, startMs, endMs, pw, staleMs = 5000) {
        const [first, last] = DataCache.chunkRange(startMs, endMs, pw);
        const waits = new Map(); // uuid -> Set of promises it waits for
        const runs = new Map(); // c0 + '/' + c1 -> {c0, c1, uuids}: one request each
        for (const uuid of uuids) {
            const key = uuid + '/' + pw;
            const jobs = new Set();
            this.dropStale(key, first, last, staleMs);
            for (let c = first; c <= last; c++) {
                const inFlight = this.pending.get(key + '/' + c);
                if (inFlight) jobs.add(inFlight);
            }
            for (const [c0, c1] of this.missingRuns(key, first, last)) {
                const run = runs.get(c0 + '/' + c1) || { c0, c1, uuids: [] };
                run.uuids.push(uuid);
                runs.set(c0 + '/' + c1, run);
            }
            waits.set(uuid, jobs);
        }
        for (const run of runs.values()) {
            for (const [uuid, promise] of this.fetchRun(run.uuids, pw, run.c0, run.c1)) waits.get(uuid).add(promise);
        }
        const failures = [];
        await Promise.all(Array.from(waits, ([uuid, jobs]) => Promise.all(jobs).catch((error) => {
            failures.push({ uuid, error });
        })));
        return failures;
    }

    /**
     * Whether every stream's windows for [startMs, endMs) at pw are cached and fresh, so a view can be drawn at once,
     * without waiting for a fetch.
     */
    holds(uuids, startMs, endMs, pw, staleMs = 5000) {
        const [first, last] = DataCache.chunkRange(startMs, endMs, pw);
        return uuids.every((uuid) => {
            const key = uuid + '/' + pw;
            this.dropStale(key, first, last, staleMs);
            const segments = this.entries.get(key) || [];
            for (let c = first; c <= last; c++) {
                if (!segments.some((s) => s.c0 <= c && c <= s.c1)) return false;
            }
            return true;
        });
    }

    /** Runs [c0, c1] of chunks that are neither cached nor being fetched. */
    missingRuns(key, first, last) {
        const segments = this.entries.get(key) || [];
        const runs = [];
        let open = null;
        for (let c = first; c <= last; c++) {
            if (segments.some((s) => s.c0 <= c && c <= s.c1) || this.pending.has(key + '/' + c)) {
                open = null;
            } else if (open) {
                open[1] = c;
            } else {
                open = [c, c];
                runs.push(open);
            }
        }
        return runs;
    }

    /**
     * Asks for chunks [c0, c1] of the streams in one request; answers a promise per stream. When the request is
     * refused because of one stream (403 or 404), each stream is asked alone, so the others are still drawn and each
     * refusal names its stream.
     */
    fetchRun(uuids, pw, c0, c1) {
        const together = this.request(uuids, pw, c0, c1);
        return uuids.map((uuid, i) => {
            const key = uuid + '/' + pw;
            const keys = [];
            for (let c = c0; c <= c1; c++) keys.push(key + '/' + c);
            const promise = together.then((streams) => streams[i], (error) => {
                if (uuids.length === 1 || !(error.status === 403 || error.status === 404)) throw error;
                return this.request([uuid], pw, c0, c1).then((streams) => streams[0]);
            }).then((answer) => this.store(key, pw, c0, c1, answer)).finally(() => {
                for (const k of keys) if (this.pending.get(k) === promise) this.pending.delete(k);
            });
            for (const k of keys) this.pending.set(k, promise);
            return [uuid, promise];
        });
    }

    /** One request for the streams' windows of chunks [c0, c1]; resolves to their answers in order. */
    request(uuids, pw, c0, c1) {
        const [startNs, endNs] = DataCache.chunkSpan(pw, c0, c1);
        const record = { uuids, pw, start: startNs.toString(), end: endNs.toString() };
        const controller = new AbortController();
        const flight = { controller, keys: [] };
        for (const uuid of uuids) {
            for (let c = c0; c <= c1; c++) flight.keys.push(uuid + '/' + pw + '/' + c);
        }
        this.inFlight.add(flight);
        this.onFetch(record);
        return this.fetchWindows(uuids, startNs, endNs, pw, controller.signal).then((answer) => {
            record.timing = answer.timing;
            return answer.streams;
        }).finally(() => this.inFlight.delete(flight));
    }

    /** [startNs, endNs) of chunks [c0, c1] at pw. */
    static chunkSpan(pw, c0, c1) {
        const shift = BigInt(pw + DataCache.CHUNK_BITS);
        return [BigInt(c0) << shift, (BigInt(c1) + 1n) << shift];
    }

    store(key, pw, c0, c1, answer) {
        const endNs = DataCache.chunkSpan(pw, c0, c1)[1];
        const segment = {
            c0, c1, times: answer.times, min: answer.min, mean: answer.mean, max: answer.max,
            count: answer.count, fetchedAt: Date.now(), used: ++this.clock,
            volatile: Qss.time.nsToMs(endNs) > Date.now() - DataCache.VOLATILE_MS,
        };
        const list = this.entries.get(key) || [];
        list.push(segment);
        list.sort((a, b) => a.c0 - b.c0);
        this.entries.set(key, list);
        this.points += segment.times.length;
    }

    dropStale(key, first, last, staleMs) {
        const list = this.entries.get(key);
        if (!list) return;
        const now = Date.now();
        const kept = list.filter((s) => !(s.volatile && s.c1 >= first && s.c0 <= last && now - s.fetchedAt > staleMs));
        if (kept.length !== list.length) {
            for (const s of list) if (!kept.includes(s)) this.points -= s.times.length;
            this.entries.set(key, kept);
        }
    }

    /**
     * The cached windows of one stream for the view, with one window beyond each edge so lines run to the border:
     * {times, min, mean, max, count} (arrays, possibly empty).
     */
    slice(uuid, startMs, endMs, pw) {
        const [first, last] = DataCache.chunkRange(startMs, endMs, pw);
        const segments = (this.entries.get(uuid + '/' + pw) || []).filter((s) => s.c1 >= first - 1 && s.c0 <= last + 1);
        const out = { times: [], min: [], mean: [], max: [], count: [] };
        for (const s of segments) {
            s.used = ++this.clock;
            const lo = Math.max(0, Qss.lowerBound(s.times, startMs) - 1);
            const hi = Math.min(s.times.length, Qss.lowerBound(s.times, endMs) + 1);
            for (let i = lo; i < hi; i++) {
                out.times.push(s.times[i]);
                out.min.push(s.min[i]);
                out.mean.push(s.mean[i]);
                out.max.push(s.max[i]);
                out.count.push(s.count[i]);
            }
        }
        return out;
    }

    /** Drops the least recently used segments until the cache holds at most MAX_POINTS windows. */
    trim() {
        if (this.points <= DataCache.MAX_POINTS) return;
        const all = [];
        for (const [key, list] of this.entries) for (const s of list) all.push([key, s]);
        all.sort((a, b) => a[1].used - b[1].used);
        for (const [key, s] of all) {
            if (this.points <= DataCache.MAX_POINTS / 2) break;
            const list = this.entries.get(key);
            list.splice(list.indexOf(s), 1);
            this.points -= s.times.length;
        }
    }
};

/** Index of the first element of the sorted array not below value. */
Qss.lowerBound = function lowerBound(sorted, value) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
};

/**
 * Joins the streams' windows on one x array (the union of their times; null where a stream has no window).
 * Windows are aligned to multiples of 2^pw, so streams usually share their times and the join is a copy.
 */
Qss.joinSeries = function joinSeries(slices) {
    const same = slices.length > 0 && slices.every((s) => s.times.length === slices[0].times.length
        && s.times.every((t, i) => t === slices[0].times[i]));
    if (same || slices.length === 0) {
        return { x: slices.length ? slices[0].times : [], columns: slices.map((s) => [s.min, s.mean, s.max]) };
    }
    const union = Array.from(new Set(slices.flatMap((s) => s.times))).sort((a, b) => a - b);
    const columns = slices.map((s) => {
        const min = new Array(union.length).fill(null);
        const mean = new Array(union.length).fill(null);
        const max = new Array(union.length).fill(null);
        let j = 0;
        for (let i = 0; i < union.length && j < s.times.length; i++) {
            if (s.times[j] === union[i]) {
                min[i] = s.min[j];
                mean[i] = s.mean[j];
                max[i] = s.max[j];
                j++;
            }
        }
        return [min, mean, max];
    });
    return { x: union, columns };
};
