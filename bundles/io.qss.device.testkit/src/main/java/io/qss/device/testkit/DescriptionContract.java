// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.device.StreamSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of what a type says about itself: its id, streams, configuration schema and device ids. Each check
 * throws an {@link AssertionError} naming what is wrong.
 */
public final class DescriptionContract {

    private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9_-]*");

    private final ContractSubject subject;
    private final DeviceType type;

    public DescriptionContract(ContractSubject subject) {
        this.subject = subject;
        this.type = subject.type();
    }

    /** Whether {@code text} is fit for a path segment, tag or console line: no control characters, trimmed. */
    public static boolean isCleanText(String text) {
        return text != null && text.strip().equals(text) && text.chars().noneMatch(Character::isISOControl);
    }

    /** The type id is a lower-case path segment and the same on every call; the description is one clean line. */
    public void checkTypeId() {
        String id = type.typeId();
        assertNotNull(id, "typeId null");
        assertTrue(
                TYPE_ID.matcher(id).matches(), "typeId must be lower case letters, digits, - or _ [typeId=" + id + "]");
        assertEquals(id, type.typeId(), "typeId changes between calls");
        String description = type.description();
        assertTrue(
                description != null && !description.isBlank() && isCleanText(description),
                "description must be one non-blank line [typeId=" + id + ", description=" + description + "]");
    }

    /**
     * For every sample device: stream keys unique, names, groups and units clean text, names not blank, the same list
     * on every call and for an equal descriptor; a type that reads files knows its streams up front.
     */
    public void checkStreams() {
        for (SampleDevice sample : subject.devices()) {
            DeviceDescriptor device = sample.descriptor(type);
            List<StreamSpec> streams = type.streams(device);
            assertNotNull(streams, "streams null [device=" + sample.alias() + "]");
            checkStreamList(streams, "streams(" + sample.alias() + ")");
            assertEquals(streams, type.streams(device), "streams change between calls [device=" + sample.alias() + "]");
            assertEquals(
                    streams,
                    type.streams(sample.descriptor(type)),
                    "streams differ for an equal descriptor [device=" + sample.alias() + "]");
            if (subject.hasFiles()) {
                assertFalse(
                        streams.isEmpty(),
                        "a type that reads files must declare its streams up front [device=" + sample.alias() + "]");
            }
        }
    }

    /** Stream keys of {@code streams} unique, their texts clean; {@code what} names the list in messages. */
    public static void checkStreamList(List<StreamSpec> streams, String what) {
        Set<String> keys = new HashSet<>();
        for (StreamSpec stream : streams) {
            assertNotNull(stream, "null stream in " + what);
            assertTrue(keys.add(stream.key()), "stream key twice in " + what + " [key=" + stream.key() + "]");
            assertTrue(
                    isCleanText(stream.name()) && isCleanText(stream.group()),
                    "stream name or group with control characters or outer spaces in " + what + " [key=" + stream.key()
                            + "]");
            assertTrue(
                    isCleanText(stream.unit()),
                    "stream unit with control characters or outer spaces in " + what + " [key=" + stream.key()
                            + ", unit=" + stream.unit() + "]");
        }
    }

    /** Property keys unique, descriptions given; a required property has no default (it would never be used). */
    public void checkPropertySchema() {
        List<PropertySpec> properties = type.properties();
        assertNotNull(properties, "properties() null");
        Set<String> keys = new HashSet<>();
        for (PropertySpec property : properties) {
            assertTrue(keys.add(property.key()), "property declared twice [key=" + property.key() + "]");
            assertFalse(property.description().isBlank(), "property without description [key=" + property.key() + "]");
            if (property.isRequired()) {
                assertNull(
                        property.defaultValue(),
                        "required property with a default [key=" + property.key() + ", default="
                                + property.defaultValue() + "]");
            }
        }
        assertEquals(properties, type.properties(), "properties change between calls");
    }

    /** Every sample device gives every required property and no undeclared one, as device:add would demand. */
    public void checkSampleDevicesFitSchema() {
        Map<String, PropertySpec> declared = new HashMap<>();
        type.properties().forEach(p -> declared.put(p.key(), p));
        for (SampleDevice sample : subject.devices()) {
            for (String key : sample.properties().keySet()) {
                assertTrue(
                        declared.containsKey(key),
                        "sample device uses an undeclared property [device=" + sample.alias() + ", key=" + key
                                + ", declared=" + declared.keySet() + "]");
            }
            declared.values().stream()
                    .filter(PropertySpec::isRequired)
                    .forEach(p -> assertTrue(
                            sample.properties().containsKey(p.key()),
                            "sample device lacks a required property [device=" + sample.alias() + ", key=" + p.key()
                                    + "]"));
        }
    }

    /** Device ids: clean, not blank, the same on every call, distinct for distinct sample devices. */
    public void checkDeviceIds() {
        Map<String, String> aliasById = new HashMap<>();
        for (SampleDevice sample : subject.devices()) {
            String id = type.deviceId(sample.alias(), sample.properties());
            assertTrue(
                    id != null && !id.isBlank() && isCleanText(id),
                    "device id blank or unclean [device=" + sample.alias() + ", id=" + id + "]");
            assertEquals(
                    id,
                    type.deviceId(sample.alias(), new HashMap<>(sample.properties())),
                    "device id changes between calls [device=" + sample.alias() + "]");
            String other = aliasById.put(id, sample.alias());
            assertNull(
                    other,
                    "two sample devices share a device id [id=" + id + ", devices=" + other + ", " + sample.alias()
                            + "]");
        }
    }

    /**
     * The type is live exactly when the test gave a scripted device: a type naming an endpoint must be tested live,
     * one that names none cannot be.
     */
    public void checkInputKindMatchesSamples() {
        DeviceDescriptor device = subject.devices().get(0).descriptor(type);
        boolean hasEndpoint;
        try {
            hasEndpoint = type.endpoint(device).isPresent();
        } catch (DeviceException e) {
            throw new AssertionError("endpoint refused the first sample device [device=" + device.alias() + "]", e);
        }
        if (hasEndpoint && !subject.isLive()) {
            fail("type names an endpoint but the test gives no scripted device [type=" + type.typeId() + "]");
        }
        assertFalse(
                !hasEndpoint && subject.isLive(),
                "test gives a scripted device but the type names no endpoint [type=" + type.typeId() + "]");
        assertTrue(subject.hasFiles() || subject.isLive(), "test gives neither files nor a scripted device");
    }
}
