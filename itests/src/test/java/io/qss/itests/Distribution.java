// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.net.ssl.TrustManagerFactory;
import org.bson.Document;

/**
 * The assembled distribution, unpacked into its own folder with its own ports and data directory, run as a real
 * process ({@code bin/karaf server}) the way an operator runs it.
 */
final class Distribution implements AutoCloseable {

    /** Generous: on a loaded shared machine (parallel builds, a cold cache) a boot has taken over two minutes. */
    static final Duration BOOT_TIMEOUT = Duration.ofSeconds(300);

    /** What the component runtime logs when it gives up waiting for a component's lock. */
    private static final String LOCK_TIMEOUT = "Could not obtain lock";

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int FIRST_FREE_PORT = 20_000;
    private static final int LAST_FREE_PORT = 32_000;

    final Path home;
    final Path data;
    final int restPort;
    final int sshPort;
    final int mongoPort;
    /** The binary API port (gRPC and capnp), written into {@code etc/io.qss.api.grpc.cfg}. */
    final int grpcPort = freePort();
    /** Port of the uPMU receiver (etc/io.qss.receiver.cfg). */
    final int receiverPort = freePort();
    /** The plotter's port: the container's HTTP listener (etc/org.ops4j.pax.web.cfg). */
    final int plotterPort = freePort();
    /** The plotter's HTTPS port, used when a test enables HTTPS in etc/org.ops4j.pax.web.cfg. */
    final int plotterHttpsPort = freePort();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * The heap the server takes and touches at start ({@code JAVA_MIN_MEM}); null leaves bin/setenv's default (the
     * whole heap, which takes this machine 5-8 s to touch at every boot).
     */
    private String heapAtStart = "512M";

    private Distribution(Path home, Path data, int restPort, int sshPort, int mongoPort) {
        this.home = home;
        this.data = data;
        this.restPort = restPort;
        this.sshPort = sshPort;
        this.mongoPort = mongoPort;
    }

    /** This distribution with bin/setenv's own heap at start, as shipped (the tests' default is a smaller one). */
    Distribution withShippedHeap() {
        heapAtStart = null;
        return this;
    }

    /** Unpacks the distribution zip named by the system property {@code qss.distribution.zip} below {@code dir}. */
    static Distribution unpack(Path dir) throws IOException {
        return unpack(dir, dir.resolve("qss-data"));
    }

    /** As {@link #unpack(Path)}, with the qss data directory ({@code QSS_DATA}) at {@code data}, e.g. on its own volume. */
    static Distribution unpack(Path dir, Path data) throws IOException {
        Path zip = Path.of(System.getProperty("qss.distribution.zip"));
        Path home = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (home == null) {
                    home = dir.resolve(Path.of(entry.getName()).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        try (var scripts = Files.list(home.resolve("bin"))) {
            scripts.forEach(script -> script.toFile().setExecutable(true));
        }
        Distribution distribution = new Distribution(home, data, freePort(), freePort(), freePort());
        distribution.configure();
        return distribution;
    }

    private void configure() throws IOException {
        append("etc/io.qss.api.rest.cfg", "host = 127.0.0.1\nport = " + restPort + "\n");
        append("etc/io.qss.mongo.cfg", "embeddedPort = " + mongoPort + "\n");
        append("etc/io.qss.api.grpc.cfg", "host = 127.0.0.1\nport = " + grpcPort + "\n");
        append("etc/io.qss.receiver.cfg", "host = 127.0.0.1\nport = " + receiverPort + "\n");
        Path web = home.resolve("etc/org.ops4j.pax.web.cfg");
        Files.writeString(
                web,
                Files.readString(web)
                        .replace("org.osgi.service.http.port = 8080", "org.osgi.service.http.port = " + plotterPort)
                        .replace(
                                "org.osgi.service.http.port.secure = 8443",
                                "org.osgi.service.http.port.secure = " + plotterHttpsPort));
        Path shell = home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shell, Files.readString(shell).replace("sshPort = 8101", "sshPort = " + sshPort));
    }

    /** The plotter's base URL, e.g. {@code http://127.0.0.1:PORT}, without a trailing slash. */
    String plotterUrl() {
        return "http://127.0.0.1:" + plotterPort;
    }

    /**
     * Appends lines to a file under the distribution's home (e.g. extra keys of an {@code etc/*.cfg}); a running
     * container applies them live.
     */
    void appendConfig(String file, String text) throws IOException {
        append(file, text);
    }

    /** Removes every line equal to {@code line} from a configuration file; applied live like an edit. */
    void removeFromConfig(String file, String line) throws IOException {
        Path path = home.resolve(file);
        String kept = Files.readAllLines(path).stream()
                .filter(l -> !l.trim().equals(line))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(path, kept);
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(home.resolve(file), text, StandardOpenOption.APPEND);
    }

    /**
     * Starts {@code bin/karaf server} and returns once {@code /status} answers OK; the boot time. A boot during
     * which the container gave up waiting for a component's lock fails: two components that look each other up
     * while activating deadlock until the container refuses both services, and one then misses the other.
     */
    Duration start() throws Exception {
        long started = System.nanoTime();
        launch();
        long deadline = started + BOOT_TIMEOUT.toNanos();
        while (!"OK".equals(status())) {
            if (!process.isAlive()) {
                throw new IllegalStateException("qss exited while booting [exit=" + process.exitValue() + ", log="
                        + home.resolve("data/log/karaf.log") + "]");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("qss not up within " + BOOT_TIMEOUT + " [health=" + get("/health")
                        + ", errors=" + bootErrors() + "]");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        List<String> lockTimeouts = errorsContaining(LOCK_TIMEOUT);
        if (!lockTimeouts.isEmpty()) {
            throw new IllegalStateException(
                    "components waited for each other's lock while booting [errors=" + lockTimeouts + "]");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void environment(ProcessBuilder builder) {
        builder.environment().put("QSS_DATA", data.toString());
        if (heapAtStart != null) {
            builder.environment().put("JAVA_MIN_MEM", heapAtStart);
        }
    }

    /** Starts {@code bin/karaf server} without waiting for it, for tests of a boot that is not meant to be OK. */
    void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        environment(builder);
        // exec: the process we hold is the JVM itself, so kill -9 hits the server and RSS is the server's.
        builder.environment().put("KARAF_EXEC", "exec");
        process = builder.start();
    }

    /**
     * The first ERROR lines of the container log, each with the exception below it (its message, first frames and
     * causes), to say why a boot failed.
     */
    String bootErrors() {
        try {
            return errorsContaining("").toString();
        } catch (UncheckedIOException e) {
            return "no log: " + e.getMessage();
        }
    }

    /** The first ERROR entries of the container log (line and exception) that contain {@code text}. */
    private List<String> errorsContaining(String text) {
        List<String> lines;
        try {
            lines = Files.readAllLines(home.resolve("data/log/karaf.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size() && errors.size() < 3; i++) {
            if (lines.get(i).contains("| ERROR |")) {
                String error = withException(lines, i);
                if (error.contains(text)) {
                    errors.add(error);
                }
            }
        }
        return errors;
    }

    /** Log line {@code at} and the exception lines after it: the first few frames and every "Caused by". */
    private static String withException(List<String> lines, int at) {
        StringBuilder text = new StringBuilder(lines.get(at));
        int frames = 0;
        for (int i = at + 1; i < lines.size() && !lines.get(i).matches("^\\d{4}-\\d{2}-\\d{2}T.*"); i++) {
            String line = lines.get(i).strip();
            boolean isFrame = line.startsWith("at ");
            if (!isFrame || frames++ < 4) {
                text.append(" / ").append(line);
            }
            if (text.length() > 4000) {
                break;
            }
        }
        return text.toString();
    }

    /** The body of {@code GET /status}, or null while nothing listens. */
    String status() {
        return get("/status");
    }

    String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Resident memory of the server JVM, in bytes (Linux). */
    long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS [pid=" + process.pid() + "]");
    }

    /** Stops the server with {@code bin/stop}, which returns once the JVM has exited. */
    void stop() throws Exception {
        run(List.of("bin/stop"));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("qss did not stop within 60 s");
        }
    }

    /** SIGKILL, as a power cut or the OOM killer would. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Runs {@code bin/qss-console <command>}; returns its exit code and output. */
    CommandResult console(String command) throws Exception {
        return run(List.of("bin/qss-console", command));
    }

    /** Runs a console command that must succeed (exit code 0); its output. */
    String consoleOk(String command) throws Exception {
        CommandResult result = console(command);
        assertEquals(0, result.exitCode(), command + ": " + result.output());
        return result.output();
    }

    /** Creates an API key that reads and writes every stream ({@code qss:apikey -t all -w create <name>}). */
    ApiKey createWriteKey(String name) throws Exception {
        CommandResult created = console("qss:apikey -t all -w create " + name);
        assertEquals(0, created.exitCode(), created.output());
        List<String> lines = lines(created.output());
        return new ApiKey(field(lines, "id ", created), field(lines, "key ", created));
    }

    private static String field(List<String> lines, String prefix, CommandResult created) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError(created));
    }

    /** Writes the document {@code {_id: id}} to itest.probes through the embedded MongoDB's wire protocol. */
    void insertProbe(String id) {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            probes(client).insertOne(new Document("_id", id));
        }
    }

    /** The document {@code {_id: id}} of itest.probes, or null when it is not there. */
    Document findProbe(String id) {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            return probes(client).find(new Document("_id", id)).first();
        }
    }

    private static MongoCollection<Document> probes(MongoClient client) {
        return client.getDatabase("itest").getCollection("probes");
    }

    /** The key store bin/setenv generated for the TLS listeners: keys/tls.p12, its password in keys/tls.password. */
    KeyStore tlsKeyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(data.resolve("keys/tls.p12"))) {
            store.load(
                    in,
                    Files.readString(data.resolve("keys/tls.password")).strip().toCharArray());
        }
        return store;
    }

    /** Trust managers trusting exactly the certificate {@code qss} of a generated key store. */
    static TrustManagerFactory trusting(KeyStore store) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("qss", store.getCertificate("qss"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory;
    }

    /** The server JVM's process id. */
    long pid() {
        return process.pid();
    }

    /**
     * Runs a program of the distribution (a path relative to its home, e.g. {@code bin/qss-get}); exit code and
     * output.
     */
    CommandResult run(List<String> command) throws Exception {
        return runWithInput(command, null);
    }

    /**
     * Like {@link #run(List)}, with {@code input} typed on the program's standard input (e.g. {@code "y\n"}); null
     * gives it an empty standard input.
     */
    CommandResult runWithInput(List<String> program, String input) throws Exception {
        return runIn(home, program, input);
    }

    /** Like {@link #runWithInput(List, String)}, started in the folder {@code workingDir} (relative paths). */
    CommandResult runIn(Path workingDir, List<String> program, String input) throws Exception {
        return runIn(workingDir, program, input, Map.of());
    }

    /**
     * Like {@link #runIn(Path, List, String)}, with {@code variables} added to the program's environment (e.g. a
     * {@code PATH} that puts a stand-in for a system program first).
     */
    CommandResult runIn(Path workingDir, List<String> program, String input, Map<String, String> variables)
            throws Exception {
        List<String> command = new ArrayList<>(program);
        command.set(0, home.resolve(program.get(0)).toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        environment(builder);
        builder.environment().putAll(variables);
        Process child = builder.start();
        if (input != null) {
            try (var stdin = child.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output;
        try (InputStream out = child.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("command did not finish [command=" + command + "]");
        }
        return new CommandResult(child.exitValue(), output);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    record CommandResult(int exitCode, String output) {}

    /** An API key as {@code qss:apikey create} prints it: its id (to revoke it) and the secret clients send. */
    record ApiKey(String id, String secret) {}

    /**
     * A TCP port nothing listens on right now and not handed out before in this JVM: the kernel may offer a port again
     * as soon as the probing socket closes, and a distribution whose gRPC and MongoDB ports came out equal did not
     * boot. Chosen below the kernel's ephemeral range (Linux: from 32768), where outgoing connections take their local
     * ports: a port probed free there was taken by a connection before the distribution bound it (embedded MongoDB
     * "Address already in use" until the boot timed out).
     */
    static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_FREE_PORT, LAST_FREE_PORT + 1);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            } catch (IOException taken) {
                continue;
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "no free port left that was not handed out before [handedOut=" + HANDED_OUT.size() + "]");
    }

    static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\\R")));
    }
}
