// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.core.data.DataArea;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Data areas are found by name and service property and called by reflection; areas without one stay folders. */
class DataAreasTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void givenNoDataAreaService_whenReplaced_thenEmptySoTheFolderIsReplaced() throws IOException {
        BundleContext context = context(new FakeArea("store", null));
        assertEquals(Optional.empty(), DataAreas.replace(context, "raw", null, line -> {}));
        assertEquals(Optional.empty(), DataAreas.describe(context, "raw"));
        assertEquals(List.of(), calls);
    }

    @Test
    void givenDataAreaService_whenReplaced_thenCalledWithTheExportAndProgress() throws IOException {
        BundleContext context = context(new FakeArea("store", null));
        List<String> progress = new ArrayList<>();
        Path export = Path.of("/backups/b1/store");
        assertEquals(
                Optional.of("store restored into fake"), DataAreas.replace(context, "store", export, progress::add));
        assertEquals(List.of("replace " + export), calls);
        assertEquals(List.of("copying"), progress);
        assertEquals(Optional.of("backend=fake"), DataAreas.describe(context, "store"));
    }

    @Test
    void givenDataAreaRefusing_whenReplaced_thenItsIoExceptionAsThrown() {
        IOException refusal = new IOException("another process writes the store; nothing replaced [holder=b:1]");
        BundleContext context = context(new FakeArea("store", refusal));
        IOException thrown =
                assertThrows(IOException.class, () -> DataAreas.replace(context, "store", null, line -> {}));
        assertSame(refusal, thrown);
    }

    private final class FakeArea implements DataArea {
        private final String area;
        private final IOException failure;

        FakeArea(String area, IOException failure) {
            this.area = area;
            this.failure = failure;
        }

        @Override
        public String area() {
            return area;
        }

        @Override
        public String describe() {
            return "backend=fake";
        }

        @Override
        public String replace(Path export, Consumer<String> progress) throws IOException {
            calls.add("replace " + export);
            if (failure != null) {
                throw failure;
            }
            progress.accept("copying");
            return area + " restored into fake";
        }
    }

    /** A bundle context holding one DataArea service, registered with its area as {@code qss.data.area}. */
    private static BundleContext context(FakeArea service) {
        ServiceReference<?> ref = (ServiceReference<?>) Proxy.newProxyInstance(
                DataAreasTest.class.getClassLoader(), new Class<?>[] {ServiceReference.class}, (p, m, a) -> null);
        String filter = "(" + DataArea.AREA + "=" + service.area() + ")";
        return (BundleContext) Proxy.newProxyInstance(
                DataAreasTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getServiceReferences" ->
                        DataAreas.SERVICE.equals(a[0]) && filter.equals(a[1]) ? new ServiceReference<?>[] {ref} : null;
                    case "getService" -> service;
                    case "ungetService" -> true;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
