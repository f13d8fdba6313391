// SPDX-License-Identifier: Apache-2.0
// Per-stream, per-point-width cache of aligned windows. Time is cut into chunks of CHUNK_WINDOWS windows; a view
// needs the chunks it overlaps, and only the missing ones are fetched (adjacent missing chunks in one request).
'use strict';

Qss.DataCache = class DataCache {
    static CHUNK_BITS = 10; // 1024 windows per chunk: about one plot width, so a view touches 2-3 chunks
    static MAX_POINTS = 4_000_000; // trimmed (least recently used first) above this many cached windows
    static VOLATILE_MS = 15 * 60_000; // data this close to the present may still grow: refetched when stale

    constructor(fetchData, onFetch) {
        this.fetchData = fetchData; // (uuid, startNs, endNs, pw) => Promise<answer of /api/data>
        this.onFetch = onFetch || (() => {});
        this.entries = new Map(); // uuid + '/' + pw -> [segment {c0, c1, times, min, mean, max, count, ...}]
        this.pending = new Map(); // uuid + '/' + pw + '/' + c0 -> Promise
        this.points = 0;
        this.clock = 0;
    }

    clear() {
        this.entries.clear();
        this.pending.clear();
        this.points = 0;
    }

    static chunkRange(startMs, endMs, pw) {
        const shift = BigInt(pw + DataCache.CHUNK_BITS);
        const first = Qss.time.msToNs(startMs) >> shift;
        const last = (Qss.time.msToNs(endMs) - 1n) >> shift;
        return [Number(first), Number(last < first ? first : last)];
    }

    /** Fetches whatever the streams lack for [startMs, endMs) at pw; resolves when all is cached. */
    async ensure(uuids, startMs, endMs, pw, staleMs = 5000) {
        const [first, last] = DataCache.chunkRange(startMs, endMs, pw);
        const jobs = new Set();
        for (const uuid of uuids) {
            const key = uuid + '/' + pw;
            this.dropStale(key, first, last, staleMs);
            for (let c = first; c <= last; c++) {
                const inFlight = this.pending.get(key + '/' + c);
                if (inFlight) jobs.add(inFlight);
            }
            for (const [c0, c1] of this.missingRuns(key, first, last)) {
                jobs.add(this.fetchRun(uuid, pw, key, c0, c1));
            }
        }
        await Promise.all(jobs);
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

    fetchRun(uuid, pw, key, c0, c1) {
        const shift = BigInt(pw + DataCache.CHUNK_BITS);
        const startNs = BigInt(c0) << shift;
        const endNs = (BigInt(c1) + 1n) << shift;
        const promise = this.fetchData(uuid, startNs, endNs, pw).then((answer) => {
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
        }).finally(() => {
            for (let c = c0; c <= c1; c++) this.pending.delete(key + '/' + c);
        });
        for (let c = c0; c <= c1; c++) this.pending.set(key + '/' + c, promise);
        this.onFetch(uuid, pw, startNs, endNs);
        return promise;
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
