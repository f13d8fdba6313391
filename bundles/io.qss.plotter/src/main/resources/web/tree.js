// SPDX-License-Identifier: Apache-2.0
// The stream tree: folders from the path segments of /api/streams, streams as leaves with their unit. Children are
// rendered when a folder opens, so thousands of streams stay cheap.
'use strict';

Qss.StreamTree = class StreamTree {
    /**
     * @param container element to render into
     * @param handlers {toggle(uuids, checked), info(uuid)}: toggle is called with every stream of the clicked
     *        subtree (the caller confirms large subtrees)
     */
    constructor(container, handlers) {
        this.container = container;
        this.handlers = handlers;
        this.root = null;
        this.selected = new Set();
        this.filterText = '';
        this.open = new Set(); // paths of open folders, kept across reloads
    }

    setStreams(streams) {
        this.root = { name: '', path: '', folders: new Map(), leaves: [] };
        for (const s of streams) {
            const parts = s.path.split('/').filter((p) => p.length);
            let node = this.root;
            for (const part of parts.slice(0, -1)) {
                if (!node.folders.has(part)) {
                    node.folders.set(part, { name: part, path: node.path + '/' + part, folders: new Map(), leaves: [] });
                }
                node = node.folders.get(part);
            }
            node.leaves.push({ name: parts[parts.length - 1] || s.uuid, stream: s });
        }
        if (this.open.size === 0) {
            // the first two levels (domain and device) open, as the original tree started
            for (const top of this.root.folders.values()) this.open.add(top.path);
        }
        this.render();
    }

    setSelected(uuids) {
        this.selected = new Set(uuids);
        this.render();
    }

    filter(text) {
        this.filterText = text.trim().toLowerCase();
        this.render();
    }

    /** Every stream below the node that passes the filter. */
    leavesOf(node) {
        const out = node.leaves.filter((l) => this.matches(l.stream)).map((l) => l.stream);
        for (const f of node.folders.values()) out.push(...this.leavesOf(f));
        return out;
    }

    matches(stream) {
        if (!this.filterText) return true;
        return (stream.path + ' ' + (stream.unit || '') + ' ' + stream.uuid).toLowerCase().includes(this.filterText);
    }

    render() {
        this.container.textContent = '';
        this.container.dataset.filter = this.filterText; // tells tests which filter the tree shows
        if (!this.root) return;
        const list = this.renderChildren(this.root);
        if (!list.childElementCount) {
            this.container.append(Qss.el('p', { className: 'tree-empty',
                textContent: this.filterText ? 'No stream matches the filter.' : 'No streams you may read.' }));
            return;
        }
        this.container.append(list);
    }

    renderChildren(node) {
        const ul = Qss.el('ul');
        ul.setAttribute('role', 'group');
        const folders = Array.from(node.folders.values()).sort((a, b) => a.name.localeCompare(b.name));
        for (const folder of folders) {
            const leaves = this.leavesOf(folder);
            if (leaves.length) ul.append(this.renderFolder(folder, leaves));
        }
        for (const leaf of node.leaves) {
            if (this.matches(leaf.stream)) ul.append(this.renderLeaf(leaf));
        }
        return ul;
    }

    renderFolder(folder, leaves) {
        const isOpen = this.open.has(folder.path) || this.filterText !== '';
        const twisty = Qss.el('button', { className: 'twisty', type: 'button', textContent: isOpen ? '▾' : '▸' });
        twisty.setAttribute('aria-label', (isOpen ? 'Close ' : 'Open ') + folder.path);
        twisty.addEventListener('click', () => {
            if (this.open.has(folder.path)) this.open.delete(folder.path); else this.open.add(folder.path);
            this.render();
        });
        const selectedCount = leaves.filter((s) => this.selected.has(s.uuid)).length;
        const box = Qss.el('input', { type: 'checkbox', checked: selectedCount === leaves.length,
            indeterminate: selectedCount > 0 && selectedCount < leaves.length,
            dataset: { testid: 'tree-folder-check' } });
        box.addEventListener('change', () => {
            const checked = box.checked;
            box.checked = !checked; // the owner decides (and may ask first)
            this.handlers.toggle(leaves.map((s) => s.uuid), checked);
        });
        const li = Qss.el('li', { className: 'tree-folder', dataset: { path: folder.path } }, [
            Qss.el('div', { className: 'tree-row' }, [twisty, box,
                Qss.el('span', { className: 'tree-name', textContent: folder.name }),
                Qss.el('span', { className: 'tree-count', textContent: String(leaves.length) })]),
        ]);
        if (isOpen) li.append(this.renderChildren(folder));
        return li;
    }

    renderLeaf(leaf) {
        const s = leaf.stream;
        const box = Qss.el('input', { type: 'checkbox', checked: this.selected.has(s.uuid),
            dataset: { testid: 'stream-check' } });
        box.addEventListener('change', () => this.handlers.toggle([s.uuid], box.checked));
        const info = Qss.el('button', { type: 'button', className: 'info-button', textContent: 'i',
            title: 'Stream info', dataset: { testid: 'stream-info' } });
        info.setAttribute('aria-label', 'Info about ' + s.path);
        info.addEventListener('click', (e) => {
            e.preventDefault();
            this.handlers.info(s.uuid);
        });
        return Qss.el('li', { className: 'tree-leaf', dataset: { uuid: s.uuid, path: s.path, testid: 'stream' } }, [
            Qss.el('label', { className: 'tree-row' }, [box,
                Qss.el('span', { className: 'tree-name', textContent: leaf.name, title: s.path }),
                Qss.el('span', { className: 'unit', textContent: s.unit || '' }), info]),
        ]);
    }
};
