// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.inject.Inject;
import org.bson.Document;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/** Boots the assembled distribution and checks it from inside the container. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ContainerIT {

    private static final int REST_PORT = 19000;
    private static final String PAX_URL = "etc/org.ops4j.pax.url.mvn.cfg";

    @Inject
    private BundleContext bundleContext;

    @Inject
    private ServiceComponentRuntime componentRuntime;

    private static final String PROBE_INVOKER_TIMEOUT = "org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT";
    private static final long PROBE_INVOKER_TIMEOUT_MILLIS = 300_000;

    @Configuration
    public Option[] config() {
        File distribution = new File(System.getProperty("qss.distribution.zip"));
        File dataDirectory = new File("target/container-it-data/" + UUID.randomUUID());
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(distribution.toURI().toString())
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            // The distribution is offline; only the test's own "exam" feature comes from the build's repositories.
            editConfigurationFilePut(
                    PAX_URL, "org.ops4j.pax.url.mvn.localRepository", System.getProperty("maven.repo.local")),
            editConfigurationFilePut(
                    PAX_URL, "org.ops4j.pax.url.mvn.repositories", "https://repo1.maven.org/maven2@id=central"),
            editConfigurationFilePut("etc/io.qss.api.rest.cfg", "port", Integer.toString(REST_PORT)),
            editConfigurationFilePut("etc/io.qss.api.rest.cfg", "host", "127.0.0.1"),
            editConfigurationFilePut("etc/io.qss.mongo.cfg", "embeddedPort", "0"),
            editConfigurationFilePut("etc/io.qss.api.grpc.cfg", "port", "0"),
            editConfigurationFilePut("etc/io.qss.receiver.cfg", "port", "0"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", "19080"),
            systemProperty("qss.data").value(dataDirectory.getAbsolutePath()),
            // Pax Exam's extender gives the probe 10 s to find its invoker; a loaded machine starting the whole
            // distribution needs longer, or every test of the class waits in vain for the probe.
            systemProperty(PROBE_INVOKER_TIMEOUT).value(Long.toString(PROBE_INVOKER_TIMEOUT_MILLIS)),
        };
    }

    @Test
    public void everyQssBundleIsActive() {
        List<String> qssBundles = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().startsWith("io.qss.")) {
                qssBundles.add(bundle.getSymbolicName());
                // a bundle the feature service is still starting (or refreshing) on a loaded machine gets a while
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (bundle.getState() != Bundle.ACTIVE && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
                assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
            }
        }
        assertTrue(
                "qss bundles found: " + qssBundles,
                qssBundles.containsAll(
                        List.of("io.qss.core", "io.qss.mongo", "io.qss.api.rest", "io.qss.shell", "io.qss.plotter")));
    }

    @Test
    public void everyComponentIsSatisfied() {
        // Some services appear only once their component has opened its files (the store, MongoDB), so their
        // consumers become satisfied a moment after boot: wait for that, bounded.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> unsatisfied = unsatisfiedComponents();
        while (!unsatisfied.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            unsatisfied = unsatisfiedComponents();
        }
        assertEquals("components neither active nor satisfied", List.of(), unsatisfied);
    }

    private List<String> unsatisfiedComponents() {
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs()) {
            if (!description.defaultEnabled) {
                continue;
            }
            for (ComponentConfigurationDTO configuration :
                    componentRuntime.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(description.name + " in state " + configuration.state);
                }
            }
        }
        return unsatisfied;
    }

    @Test
    public void statusSaysOk() throws Exception {
        // The REST listener opens once the services it needs are there, a moment after boot: poll, bounded.
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + REST_PORT + "/status"))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String status = statusOf(http, request);
        while (!"200 OK".equals(status) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            status = statusOf(http, request);
        }
        assertEquals("200 OK", status);
    }

    private static String statusOf(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e;
        }
    }

    @Test
    public void mongoServiceAcceptsAnInsertAndAFind() throws Exception {
        ServiceTracker<MongoClient, MongoClient> tracker = new ServiceTracker<>(bundleContext, MongoClient.class, null);
        tracker.open();
        try {
            MongoClient client = tracker.waitForService(60_000);
            assertTrue("no MongoClient service", client != null);
            MongoCollection<Document> collection = client.getDatabase("itest").getCollection("things");
            String id = UUID.randomUUID().toString();
            collection.insertOne(new Document("_id", id).append("kind", "probe"));
            assertEquals(
                    "probe", collection.find(new Document("_id", id)).first().getString("kind"));
        } finally {
            tracker.close();
        }
    }
}
