// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/**
 * One configuration property a device type accepts (its configuration schema, shown by {@code device:types} and
 * checked by {@code device:add}). Immutable.
 *
 * @param key property key, e.g. {@code host}; never null
 * @param description one line for operators, with the unit or format; never null
 * @param isRequired whether {@code device:add} must give it
 * @param defaultValue the value used when it is not given; null when there is none
 */
public record PropertySpec(String key, String description, boolean isRequired, String defaultValue) {

    public PropertySpec {
        if (key == null || key.isBlank() || !key.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("property key invalid [key=" + key + "]");
        }
        if (description == null) {
            throw new IllegalArgumentException("property description missing [key=" + key + "]");
        }
    }
}
