// SPDX-License-Identifier: Apache-2.0
// Modal dialogs of the page: confirmation, stream info, permalink, CSV export, axes, login and password.
'use strict';

Qss.dialogs = (() => {
    const $ = (id) => document.getElementById(id);

    /** Resolves true when the user confirms. */
    function confirm(text) {
        const dialog = $('confirm-dialog');
        $('confirm-text').textContent = text;
        dialog.returnValue = '';
        dialog.showModal();
        return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'),
            { once: true }));
    }

    function copy(input) {
        input.select();
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(input.value).catch(() => document.execCommand('copy'));
        } else {
            document.execCommand('copy');
        }
    }

    function copyRow(value, testid) {
        const input = Qss.el('input', { readOnly: true, value, dataset: { testid } });
        const button = Qss.el('button', { type: 'button', textContent: 'Copy' });
        button.addEventListener('click', () => copy(input));
        return Qss.el('div', { className: 'copy-row' }, [input, button]);
    }

    /** Stream info from /api/streams/{uuid}; times shown in the zone and as exact ns. */
    async function info(uuid, formatNs) {
        const dialog = $('info-dialog');
        const body = $('info-body');
        body.textContent = '';
        $('info-title').textContent = 'Stream';
        dialog.showModal();
        let s;
        try {
            s = await Qss.api.stream(uuid);
        } catch (e) {
            body.textContent = 'Could not read the stream: ' + e.message;
            return;
        }
        $('info-title').textContent = s.path;
        const rows = [
            ['UUID', copyRow(s.uuid, 'info-uuid')], ['Path', s.path], ['Unit', s.unit || '—'],
            ['Collection', s.collection], ['Name', s.name], ['Version', String(s.version ?? '—')],
            ['First point', s.first ? formatNs(s.first) : 'no data'], ['Last point', s.last ? formatNs(s.last) : 'no data'],
        ];
        for (const [k, v] of Object.entries(s.tags || {})) rows.push(['Tag ' + k, String(v)]);
        for (const [k, v] of Object.entries(s.annotations || {})) rows.push([k, String(v)]);
        for (const [name, value] of rows) {
            const dd = Qss.el('dd', { dataset: { testid: 'info-' + name.toLowerCase().replace(/\s+/g, '-') } },
                [value]);
            body.append(Qss.el('dt', { textContent: name }), dd);
        }
    }

    const DAY = 86_400_000;
    const SPANS = [[60_000, '1 min'], [3_600_000, '1 h'], [6 * 3_600_000, '6 h'], [DAY, '1 d'], [7 * DAY, '1 week'],
        [30 * DAY, '30 d'], [365 * DAY, '365 d']];

    /**
     * Permalink: the window type (fixed range, the last span before opening, the span up to the newest data) and
     * its span; each choice saves a permalink through save(type, spanMs), which resolves its URL.
     */
    function permalink(viewSpanMs, save) {
        const type = $('permalink-type');
        const span = $('permalink-span');
        const url = $('permalink-url');
        type.value = 'fixed';
        span.textContent = '';
        span.add(new Option('as this view: ' + Qss.time.formatDuration(viewSpanMs * 1e6), String(viewSpanMs)));
        for (const [ms, name] of SPANS) span.add(new Option(name, String(ms)));
        let generation = 0;
        const update = async () => {
            const mine = ++generation;
            span.disabled = type.value === 'fixed';
            url.value = '';
            $('permalink-error').textContent = '';
            try {
                const address = await save(type.value, Number(span.value));
                if (mine !== generation) return;
                url.value = address;
                url.select();
            } catch (e) {
                if (mine === generation) $('permalink-error').textContent = 'Could not save the permalink: ' + e.message;
            }
        };
        type.onchange = update;
        span.onchange = update;
        $('permalink-copy').onclick = () => copy(url);
        $('permalink-dialog').showModal();
        return update();
    }

    /** CSV export: point width chooser (window length and rows for the range), labels defaulting to paths. */
    function csv(streams, startMs, endMs, currentPw, zone, describeRange, maxRows) {
        const select = $('csv-pw');
        select.textContent = '';
        const spanNs = (endMs - startMs) * 1e6;
        const limit = maxRows || Infinity;
        let chosen = currentPw;
        while (chosen < 62 && Math.ceil(spanNs / 2 ** chosen) > limit) chosen++;
        for (let pw = 0; pw <= 62; pw++) {
            const rows = Math.ceil(spanNs / 2 ** pw);
            if (rows > 50_000_000 || (rows < 1 && pw > currentPw)) continue;
            select.append(Qss.el('option', { value: String(pw),
                textContent: 'pw ' + pw + ': windows of ' + Qss.time.formatDuration(2 ** pw) + ', up to '
                    + rows.toLocaleString('en') + ' rows' + (rows > limit ? ' (more than the server allows)' : ''),
                disabled: rows > limit, selected: pw === chosen }));
        }
        const labels = $('csv-labels');
        labels.textContent = '';
        const inputs = streams.map((s) => {
            const input = Qss.el('input', { value: s.path, dataset: { testid: 'csv-label' } });
            input.addEventListener('input', update);
            labels.append(Qss.el('label', {}, [Qss.el('span', { textContent: s.path }), input]));
            return input;
        });
        $('csv-range').textContent = describeRange;
        function update() {
            const params = [];
            streams.forEach((s) => params.push(['uuid', s.uuid]));
            inputs.forEach((input, i) => params.push(['label', input.value || streams[i].path]));
            params.push(['start', Qss.time.msToNs(startMs).toString()], ['end', Qss.time.msToNs(endMs).toString()],
                ['pw', select.value], ['zone', zone]);
            if ($('csv-metadata').checked) params.push(['metadata', 'true']);
            $('csv-download').href = '/api/csv?' + Qss.api.query(params);
        }
        select.onchange = update;
        $('csv-metadata').onchange = update;
        update();
        $('csv-dialog').showModal();
    }

    /**
     * Axes: side and manual range per axis, and which streams of one unit share its axis; resolves
     * {axes: {axis key: {side, min?, max?}}, own: [uuids of streams on an axis of their own]} or null. Min and max
     * are given together (min below max) or both left empty for auto, which stores no min and max at all.
     *
     * @param units the axis keys plotted (see Qss.axisKey)
     * @param current the axis settings by key
     * @param choice {streams: [{uuid, path, unit}], own: [uuid], label(key)}
     */
    function axes(units, current, choice) {
        const body = $('axes-body');
        body.textContent = '';
        const rows = units.map((unit) => {
            const a = current[unit] || {};
            const fixed = Qss.manualRange(a);
            const side = Qss.el('select', { dataset: { testid: 'axes-side' } });
            for (const v of ['auto', 'left', 'right']) side.add(new Option(v, v, false, (a.side || 'auto') === v));
            const min = Qss.el('input', { type: 'number', step: 'any', value: fixed ? fixed[0] : '',
                dataset: { testid: 'axes-min' } });
            const max = Qss.el('input', { type: 'number', step: 'any', value: fixed ? fixed[1] : '',
                dataset: { testid: 'axes-max' } });
            body.append(Qss.el('tr', { dataset: { unit } }, [Qss.el('td', { textContent: choice.label(unit) }),
                ...[side, min, max].map((input) => Qss.el('td', {}, [input]))]));
            return { unit, side, min, max };
        });
        const sharing = axisSharing(choice);
        const error = axesError();
        const form = $('axes-form');
        form.onsubmit = (e) => {
            if (!e.submitter || e.submitter.value !== 'ok') return;
            const wrong = rows.find((r) => axisSetting(r) === undefined);
            if (wrong) {
                e.preventDefault();
                error.textContent = 'Give both min and max, min below max, or leave both empty for auto [unit='
                    + (wrong.unit || '(no unit)') + ']';
            }
        };
        const dialog = $('axes-dialog');
        dialog.returnValue = '';
        dialog.showModal();
        return new Promise((resolve) => dialog.addEventListener('close', () => {
            if (dialog.returnValue !== 'ok') return resolve(null);
            const out = {};
            for (const r of rows) out[r.unit] = axisSetting(r);
            resolve({ axes: out, own: sharing.filter((r) => r.select.value === 'own').map((r) => r.uuid) });
        }, { once: true }));
    }

    /** The setting of one row: {side} for auto, {side, min, max} when fixed, undefined when half filled or inverted. */
    function axisSetting(row) {
        const side = row.side.value;
        if (row.min.value === '' && row.max.value === '') return { side };
        const fixed = Qss.manualRange({ min: row.min.valueAsNumber, max: row.max.valueAsNumber });
        return fixed ? { side, min: fixed[0], max: fixed[1] } : undefined;
    }

    /**
     * One row per stream whose unit other plotted streams have (or that has its own axis): its axis, shared by the
     * unit's streams or its own. Rows go into a table made once under the axes table.
     */
    function axisSharing(choice) {
        let table = $('axes-streams');
        if (!table) {
            table = Qss.el('table', { className: 'axes', id: 'axes-streams' });
            $('axes-body').closest('table').after(table);
        }
        table.textContent = '';
        const count = (unit) => choice.streams.filter((s) => (s.unit || '') === unit).length;
        const rows = choice.streams.filter((s) => count(s.unit || '') > 1 || choice.own.includes(s.uuid)).map((s) => {
            const unit = s.unit || '(no unit)';
            const select = Qss.el('select', { dataset: { testid: 'axes-stream-axis' } });
            select.add(new Option('shared ' + unit + ' axis', 'shared'));
            select.add(new Option('own axis', 'own', false, choice.own.includes(s.uuid)));
            table.append(Qss.el('tr', { dataset: { uuid: s.uuid } }, [Qss.el('td', { textContent: s.path }),
                Qss.el('td', {}, [select])]));
            return { uuid: s.uuid, select };
        });
        if (rows.length) {
            table.prepend(Qss.el('tr', {}, [Qss.el('th', { textContent: 'Stream' }), Qss.el('th', { textContent: 'Axis' })]));
        }
        return rows;
    }

    /** The dialog's error line, made once under its table. */
    function axesError() {
        let error = $('axes-error');
        if (!error) {
            error = Qss.el('p', { className: 'form-error', id: 'axes-error', dataset: { testid: 'axes-error' } });
            $('axes-body').closest('table').after(error);
        }
        error.textContent = '';
        return error;
    }

    return { confirm, info, permalink, csv, axes };
})();
