// SPDX-License-Identifier: Apache-2.0
// Building page elements: one call per element instead of a line per property.
'use strict';

window.Qss = window.Qss || {};

/**
 * A new element with these properties (assigned in order, so give an input's type before its value) and children;
 * `dataset` entries become data-* attributes.
 */
Qss.el = function el(tag, props = {}, children = []) {
    const { dataset, ...rest } = props;
    const node = Object.assign(document.createElement(tag), rest);
    if (dataset) Object.assign(node.dataset, dataset);
    node.append(...children);
    return node;
};
