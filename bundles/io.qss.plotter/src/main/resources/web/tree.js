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
            const empty = document.createElement('p');
            empty.className = 'tree-empty';
            empty.textContent = this.filterText ? 'No stream matches the filter.' : 'No streams you may read.';
            this.container.append(empty);
            return;
        }
        this.container.append(list);
    }

    renderChildren(node) {
        const ul = document.createElement('ul');
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
        const li = document.createElement('li');
        li.className = 'tree-folder';
        li.dataset.path = folder.path;
        const isOpen = this.open.has(folder.path) || this.filterText !== '';
        const row = document.createElement('div');
        row.className = 'tree-row';
        const twisty = document.createElement('button');
        twisty.className = 'twisty';
        twisty.type = 'button';
        twisty.textContent = isOpen ? '▾' : '▸';
        twisty.setAttribute('aria-label', (isOpen ? 'Close ' : 'Open ') + folder.path);
        twisty.addEventListener('click', () => {
            if (this.open.has(folder.path)) this.open.delete(folder.path); else this.open.add(folder.path);
            this.render();
        });
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.dataset.testid = 'tree-folder-check';
        const selectedCount = leaves.filter((s) => this.selected.has(s.uuid)).length;
        box.checked = selectedCount === leaves.length;
        box.indeterminate = selectedCount > 0 && selectedCount < leaves.length;
        box.addEventListener('change', () => {
            const checked = box.checked;
            box.checked = !checked; // the owner decides (and may ask first)
            this.handlers.toggle(leaves.map((s) => s.uuid), checked);
        });
        const label = document.createElement('span');
        label.className = 'tree-name';
        label.textContent = folder.name;
        const count = document.createElement('span');
        count.className = 'tree-count';
        count.textContent = String(leaves.length);
        row.append(twisty, box, label, count);
        li.append(row);
        if (isOpen) li.append(this.renderChildren(folder));
        return li;
    }

    renderLeaf(leaf) {
        const s = leaf.stream;
        const li = document.createElement('li');
        li.className = 'tree-leaf';
        li.dataset.uuid = s.uuid;
        li.dataset.path = s.path;
        li.dataset.testid = 'stream';
        const row = document.createElement('label');
        row.className = 'tree-row';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.dataset.testid = 'stream-check';
        box.checked = this.selected.has(s.uuid);
        box.addEventListener('change', () => this.handlers.toggle([s.uuid], box.checked));
        const name = document.createElement('span');
        name.className = 'tree-name';
        name.textContent = leaf.name;
        name.title = s.path;
        const unit = document.createElement('span');
        unit.className = 'unit';
        unit.textContent = s.unit || '';
        const info = document.createElement('button');
        info.type = 'button';
        info.className = 'info-button';
        info.dataset.testid = 'stream-info';
        info.textContent = 'i';
        info.title = 'Stream info';
        info.setAttribute('aria-label', 'Info about ' + s.path);
        info.addEventListener('click', (e) => {
            e.preventDefault();
            this.handlers.info(s.uuid);
        });
        row.append(box, name, unit, info);
        li.append(row);
        return li;
    }
};
